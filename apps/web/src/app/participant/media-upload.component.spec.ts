import { TestBed } from '@angular/core/testing';
import { FETCH } from '../core/login-api';
import { distribution } from '../testing/fixtures';
import { MediaUploadComponent } from './media-upload.component';
import { sampleVideo } from './video-sampler';

jest.mock('./video-sampler', () => ({ sampleVideo: jest.fn(), MAX_VIDEO_FRAMES: 12 }));

const json = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body }) as Response;
const face = (label: 'happy' | 'sad') => ({
  box: { x: 0.2, y: 0.2, width: 0.4, height: 0.5 },
  score: 0.9,
  label,
  confidence: 0.8,
  distribution: distribution(label, 0.8),
  valence: 0,
  arousal: 0,
});
const analysis = (...faces: ReturnType<typeof face>[]) => ({
  width: 640,
  height: 480,
  models: { detector: 'blazeface', classifier: 'x' },
  faces,
});

function setup(fetchFn: jest.Mock) {
  TestBed.configureTestingModule({
    imports: [MediaUploadComponent],
    providers: [{ provide: FETCH, useValue: fetchFn }],
  });
  const fixture = TestBed.createComponent(MediaUploadComponent);
  fixture.componentRef.setInput('canUseAsMood', true);
  const el = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const choose = async (id: string, file: File) => {
    const input = byTestId<HTMLInputElement>(id)!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  };
  return { fixture, el, byTestId, choose };
}

describe('MediaUploadComponent', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:photo');
    URL.revokeObjectURL = jest.fn();
  });

  it('posts a photo to /api/analyze/image and shows the largest face', async () => {
    const fetchFn = jest.fn().mockResolvedValue(json(200, analysis(face('happy'), face('sad'))));
    const { fixture, byTestId, choose } = setup(fetchFn);
    const chosen: string[] = [];
    fixture.componentInstance.moodChosen.subscribe((e) => chosen.push(e));
    await choose('photo-upload', new File([new Uint8Array([0xff, 0xd8, 0xff])], 'me.jpg', { type: 'image/jpeg' }));
    expect(fetchFn).toHaveBeenCalledWith('/api/analyze/image', expect.objectContaining({ method: 'POST' }));
    expect(byTestId('photo-verdict')?.textContent).toMatch(/happy\s+80%/);
    expect(byTestId('photo-verdict')?.textContent).toContain('largest of 2 faces');
    byTestId('photo-use-mood')?.click();
    expect(chosen).toEqual(['happy']);
  });

  it('says so when no face is found, and shows server errors', async () => {
    const fetchFn = jest
      .fn()
      .mockResolvedValueOnce(json(200, analysis()))
      .mockResolvedValueOnce(json(415, { message: 'not a JPEG' }));
    const { byTestId, choose } = setup(fetchFn);
    await choose('photo-upload', new File(['x'], 'a.jpg', { type: 'image/jpeg' }));
    expect(byTestId('photo-verdict')?.textContent).toContain('No face found');
    await choose('photo-upload', new File(['x'], 'b.jpg', { type: 'image/jpeg' }));
    expect(byTestId('upload-error')?.textContent).toContain('HTTP 415');
    expect(byTestId('upload-error')?.textContent).toContain('not a JPEG');
  });

  it('samples a video, analyses each frame, and summarises them on a timeline', async () => {
    (sampleVideo as jest.Mock).mockImplementation(
      async (_file: Blob, options: { onFrame?: (d: number, t: number) => void }) => {
        options.onFrame?.(3, 3);
        return [0.5, 1.5, 2.5].map((at) => ({ at, jpeg: new Blob(['x']) }));
      },
    );
    const fetchFn = jest
      .fn()
      .mockResolvedValueOnce(json(200, analysis(face('happy'))))
      .mockResolvedValueOnce(json(200, analysis()))
      .mockResolvedValueOnce(json(200, analysis(face('happy'))));
    const { byTestId, choose } = setup(fetchFn);
    await choose('video-upload', new File(['x'], 'clip.webm', { type: 'video/webm' }));
    await new Promise((r) => setTimeout(r));
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(byTestId('video-verdict')?.textContent).toMatch(/Mostly\s+happy\s+across 2 of\s+3 frames/);
    const cells = [...Array.from(byTestId('video-timeline')?.querySelectorAll('li') ?? [])].map((li) =>
      li.getAttribute('aria-label'),
    );
    expect(cells).toEqual(['0.5 s: happy', '1.5 s: no face', '2.5 s: happy']);
    expect(byTestId('upload-progress')).toBeNull();
  });
});
