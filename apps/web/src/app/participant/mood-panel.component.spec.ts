import { TestBed } from '@angular/core/testing';
import { PARTICIPANT_EVENTS, SERVER_EVENTS } from '@attune/protocol';
import { CAMERA } from '../core/camera.token';
import { SOCKET_FACTORY } from '../core/socket.token';
import { FakeSocket, fakeSocketFactory } from '../testing/fake-socket';
import { estimate, sessionStarted } from '../testing/fixtures';
import { MoodPanelComponent } from './mood-panel.component';
import { ParticipantSessionService } from './participant-session.service';

async function setup() {
  const socket = new FakeSocket();
  const stream = { getTracks: () => [] } as unknown as MediaStream;
  TestBed.configureTestingModule({
    imports: [MoodPanelComponent],
    providers: [
      ParticipantSessionService,
      { provide: SOCKET_FACTORY, useValue: fakeSocketFactory(socket) },
      { provide: CAMERA, useValue: { getUserMedia: jest.fn().mockResolvedValue(stream) } },
    ],
  });
  const fixture = TestBed.createComponent(MoodPanelComponent);
  const el = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const found = el.querySelector<T>(`[data-testid="${id}"]`);
    if (!found) throw new Error(`no [data-testid="${id}"]`);
    return found;
  };
  const render = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const run = async () => {
    await TestBed.inject(ParticipantSessionService).start(async () => null);
    socket.acceptConnection();
    socket.lastRequest(PARTICIPANT_EVENTS.startSession).reply({ ok: true, data: sessionStarted });
    await render();
  };
  await render();
  return { el, socket, byTestId, render, run };
}

describe('MoodPanelComponent', () => {
  it('is labelled and disabled until a session runs', async () => {
    const { el, byTestId } = await setup();
    expect(el.querySelector('label[for="mood-text"]')?.textContent).toBe('How do you feel?');
    expect(byTestId<HTMLInputElement>('mood-text').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>('mood-text-send').disabled).toBe(true);
    expect(byTestId<HTMLInputElement>('goal-improve').disabled).toBe(true);
    expect(byTestId('mood-label').textContent).toBe('');
  });

  it('shows the fused mood and its sources', async () => {
    const { socket, byTestId, render, run } = await setup();
    await run();
    socket.fire(SERVER_EVENTS.mood, {
      sessionId: sessionStarted.sessionId,
      at: 1,
      estimate: estimate('happy', 0.8),
      fused: estimate('happy', 0.72),
      contributions: [
        { modality: 'face', modelId: 'f', weight: 0.6 },
        { modality: 'text', modelId: 't', weight: 0.4 },
      ],
    });
    await render();
    expect(byTestId('mood-label').textContent).toBe('happy 72%');
    expect(byTestId('mood-sources').textContent).toBe('face 60% · text 40%');
  });

  it('sends the text and shows the estimate or the error', async () => {
    const { socket, byTestId, render, run } = await setup();
    await run();
    byTestId<HTMLInputElement>('mood-text').value = 'I feel great today';
    byTestId('mood-text-send').click();
    expect(socket.lastRequest(PARTICIPANT_EVENTS.text).payload).toEqual({ text: 'I feel great today' });
    socket.lastRequest(PARTICIPANT_EVENTS.text).reply({ ok: true, data: { estimate: estimate('happy', 0.9) } });
    await render();
    expect(byTestId('text-estimate').textContent).toBe('happy 90%');

    byTestId('mood-text-send').click();
    socket
      .lastRequest(PARTICIPANT_EVENTS.text)
      .reply({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many messages, wait a moment' } });
    await render();
    expect(byTestId('text-estimate').textContent).toBe('Too many messages, wait a moment');
  });

  it('sends the goal and shows the strategy the server answered', async () => {
    const { socket, byTestId, render, run } = await setup();
    await run();
    byTestId('goal-improve').click();
    expect(socket.lastRequest(PARTICIPANT_EVENTS.moodGoal).payload).toEqual({ goal: 'improve' });
    socket.lastRequest(PARTICIPANT_EVENTS.moodGoal).reply({ ok: true, data: { strategy: 'iso-principle' } });
    await render();
    expect(byTestId('strategy').textContent).toBe('iso-principle');
    expect(byTestId<HTMLInputElement>('goal-improve').checked).toBe(true);
  });

  it('overrides the mood from a labelled list, and offers going back to automatic', async () => {
    const { el, socket, byTestId, render, run } = await setup();
    expect(el.querySelector('label[for="mood-override"]')?.textContent).toContain('Tell us how you feel');
    expect(byTestId<HTMLSelectElement>('mood-override').disabled).toBe(true);
    await run();
    const select = byTestId<HTMLSelectElement>('mood-override');
    expect(select.options).toHaveLength(7);
    select.value = 'sad';
    byTestId('mood-override-set').click();
    await render();
    expect(byTestId('mood-override-status').textContent).toBe('Saving…');
    socket.lastRequest(PARTICIPANT_EVENTS.moodOverride).reply({ ok: true, data: { override: estimate('sad', 1) } });
    socket.fire(SERVER_EVENTS.mood, {
      sessionId: 's',
      at: 1,
      estimate: estimate('sad', 1),
      fused: estimate('sad', 1),
      contributions: [],
      overridden: true,
    });
    await render();
    expect(byTestId('mood-override-status').textContent).toBe('Using your mood: sad');
    expect(byTestId('mood-display-label').textContent).toBe('sad');
    byTestId('mood-override-clear').click();
    expect(socket.lastRequest(PARTICIPANT_EVENTS.moodOverride).payload).toEqual({ emotion: null });
  });
});
