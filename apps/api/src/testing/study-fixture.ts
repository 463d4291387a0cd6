import { randomUUID } from 'node:crypto';
import { http } from './http';
import { login, TestServer } from './test-server';

export interface RunningStudy {
  token: string;
  studyId: string;
  participants: { id: string; code: string }[];
}

/**
 * A running study with `n` participants who all consented to camera, microphone and text but
 * not to raw media storage, the form keeping data for `retentionDays`.
 */
export async function runningStudy(server: TestServer, n: number, retentionDays = 30): Promise<RunningStudy> {
  const token = await login(server);
  const must = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const study = must(
    await http(server, 'POST', '/studies', { token, body: { title: 'Privacy', description: 'fixture' } }),
    'study',
  );
  must(
    await http(server, 'POST', `/studies/${study.id}/consent-forms`, {
      token,
      body: {
        text: '# Consent',
        modalities: ['camera', 'microphone', 'text'],
        offersRawMediaStorage: false,
        retentionDays,
      },
    }),
    'consent form',
  );
  const participants: { id: string; code: string }[] = [];
  for (let i = 0; i < n; i++) {
    const p = must(await http(server, 'POST', `/studies/${study.id}/participants`, { token }), 'participant');
    participants.push({ id: p.id, code: p.code });
  }
  must(await http(server, 'PATCH', `/studies/${study.id}`, { token, body: { status: 'running' } }), 'running');
  for (const p of participants) {
    must(
      await http(server, 'POST', `/join/${p.code}/consent`, {
        body: {
          clientEventId: randomUUID(),
          formVersion: 1,
          camera: true,
          microphone: true,
          text: true,
          storeRawMedia: false,
        },
      }),
      'consent',
    );
  }
  return { token, studyId: study.id, participants };
}
