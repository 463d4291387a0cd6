import { anchorCentres, anchorCount, blazeFaceLayers } from './blazeface-anchors';

describe('BlazeFace anchors', () => {
  const layers = blazeFaceLayers(256);

  it('lays out 512 + 384 anchors for a 256 input, matching the model outputs', () => {
    expect(layers.map((layer) => anchorCount(256, layer))).toEqual([512, 384]);
    expect(anchorCentres(256, layers)).toHaveLength(896);
  });

  it('centres anchors on their cells, row by row, repeated per cell', () => {
    const centres = anchorCentres(256, layers);
    expect(centres.slice(0, 3)).toEqual([
      [8, 8],
      [8, 8],
      [24, 8],
    ]);
    expect(centres[32]).toEqual([8, 24]);
    expect(centres[511]).toEqual([248, 248]);
    expect(centres.slice(512, 519)).toEqual([...Array(6).fill([16, 16]), [48, 16]]);
    expect(centres[895]).toEqual([240, 240]);
  });
});
