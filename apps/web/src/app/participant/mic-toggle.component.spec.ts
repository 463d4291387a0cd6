import { TestBed } from '@angular/core/testing';
import { PARTICIPANT_EVENTS } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { MICROPHONE } from '../core/microphone.token';
import { MICROPHONE_FEATURES } from '../core/microphone-features.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { sessionStarted } from '../testing/fixtures';
import { MicToggleComponent } from './mic-toggle.component';
import { ParticipantSessionService } from './participant-session.service';
import { VoiceCaptureService } from './voice-capture.service';

async function setup(getUserMedia: jest.Mock) {
  const socket = new FakeSocket();
  const capture = { start: jest.fn(async () => undefined), stop: jest.fn(async () => undefined) };
  TestBed.configureTestingModule({
    imports: [MicToggleComponent],
    providers: [
      ParticipantSessionService,
      VoiceCaptureService,
      { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
      { provide: CAMERA, useValue: { getUserMedia: jest.fn().mockResolvedValue({ getTracks: () => [] }) } },
      { provide: MICROPHONE, useValue: { getUserMedia } },
      { provide: MICROPHONE_FEATURES, useValue: () => capture },
    ],
  });
  const fixture = TestBed.createComponent(MicToggleComponent);
  const el = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const render = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  await TestBed.inject(ParticipantSessionService).start(async () => null);
  socket.acceptConnection();
  socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
  await render();
  return { byTestId, render, capture };
}

describe('MicToggleComponent', () => {
  it('toggles the microphone with aria-pressed', async () => {
    const track = { stop: jest.fn() };
    const { byTestId, render, capture } = await setup(jest.fn().mockResolvedValue({ getTracks: () => [track] }));
    const button = byTestId<HTMLButtonElement>('mic-toggle') as HTMLButtonElement;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    button.click();
    await render();
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(capture.start).toHaveBeenCalled();
    button.click();
    await render();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(track.stop).toHaveBeenCalled();
  });

  it('explains a denied microphone', async () => {
    const { byTestId, render } = await setup(jest.fn().mockRejectedValue(new DOMException('no', 'NotAllowedError')));
    byTestId('mic-toggle')?.click();
    await render();
    expect(byTestId('mic-error')?.textContent).toMatch(/Microphone access was blocked/);
    expect(byTestId('mic-toggle')?.getAttribute('aria-pressed')).toBe('false');
    expect(byTestId('voice-estimate')?.textContent).toBe('—');
  });
});
