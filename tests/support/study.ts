/** REST set-up of a running study with one participant, as a researcher would do it (README "Running a study"). */
export interface StudyParticipant {
  studyId: string;
  code: string;
  joinPath: string;
}

async function call<T>(url: string, method: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  return (await call<{ token: string }>(`${baseUrl}/api/auth/login`, 'POST', null, { email, password })).token;
}

/** A running study (consent form asking for camera, microphone and text) and one participant of it. */
export async function runningStudy(
  baseUrl: string,
  token: string,
  options: { title: string; faceMode?: 'server' | 'edge' },
): Promise<StudyParticipant> {
  const study = await call<{ id: string }>(`${baseUrl}/api/studies`, 'POST', token, {
    title: options.title,
    description: 'Which music fits how you feel right now?',
  });
  await call(`${baseUrl}/api/studies/${study.id}/consent-forms`, 'POST', token, {
    text: 'We estimate your emotion from your face, voice and text to choose music.\n\nYou can stop at any time.',
    modalities: ['camera', 'microphone', 'text'],
    offersRawMediaStorage: false,
    retentionDays: 30,
  });
  await call(`${baseUrl}/api/studies/${study.id}`, 'PATCH', token, {
    status: 'running',
    ...(options.faceMode ? { faceMode: options.faceMode } : {}),
  });
  const participant = await call<{ code: string; joinPath: string }>(
    `${baseUrl}/api/studies/${study.id}/participants`,
    'POST',
    token,
  );
  return { studyId: study.id, code: participant.code, joinPath: participant.joinPath };
}
