import { normaliseBox, squareAround } from './boxes';

describe('boxes', () => {
  it('normalises pixel boxes to the image', () => {
    expect(normaliseBox({ x: 64, y: 48, width: 320, height: 240 }, 640, 480)).toEqual({
      x: 0.1,
      y: 0.1,
      width: 0.5,
      height: 0.5,
    });
  });

  it('squares around the centre on the longer side, scaled', () => {
    expect(squareAround({ x: 100, y: 100, width: 40, height: 80 }, 1.5)).toEqual({
      x: 60,
      y: 80,
      width: 120,
      height: 120,
    });
  });
});
