import { feedbackSchema, frameSchema, GREY_CROP_MIME, parsePayload, selfReportSchema, startSessionSchema } from './payloads';

describe('payload schemas', () => {
  it('accepts a JPEG frame as binary', () => {
    const r = parsePayload(frameSchema, { seq: 3, mime: 'image/jpeg', data: new Uint8Array([0xff, 0xd8]) });
    expect(r.success).toBe(true);
  });

  it('accepts a raw grey face crop only with its box', () => {
    const crop = { x: 0.3, y: 0.2, width: 0.3, height: 0.4 };
    const data = new Uint8Array(96 * 96);
    expect(parsePayload(frameSchema, { seq: 1, mime: GREY_CROP_MIME, data, crop }).success).toBe(true);
    const boxless = parsePayload(frameSchema, { seq: 1, mime: GREY_CROP_MIME, data });
    expect(boxless.success).toBe(false);
    if (!boxless.success) expect(boxless.issues.join('\n')).toMatch(/crop/);
    expect(parsePayload(frameSchema, { seq: 1, mime: 'image/jpeg', data, crop: { ...crop, width: 2 } }).success).toBe(false);
  });

  it('names every bad field of a frame', () => {
    const r = parsePayload(frameSchema, { seq: -1, mime: 'image/gif', data: 'xx', extra: 1 });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues.join('\n')).toMatch(/seq/);
      expect(r.issues.join('\n')).toMatch(/mime/);
      expect(r.issues.join('\n')).toMatch(/data: expected binary/);
      expect(r.issues.join('\n')).toMatch(/extra/);
    }
  });

  it('rejects a non-object payload with a readable issue', () => {
    const r = parsePayload(frameSchema, 42);
    expect(r).toEqual({ success: false, issues: [expect.stringMatching(/^\(payload\): /)] });
  });

  it('requires a uuid client event id on feedback', () => {
    const ok = parsePayload(feedbackSchema, {
      clientEventId: '6f1c2d4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f',
      recommendationId: '0b1c2d4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f',
      kind: 'like',
    });
    expect(ok.success).toBe(true);
    const bad = parsePayload(feedbackSchema, { clientEventId: 'x', recommendationId: 'y', kind: 'love' });
    expect(bad.success).toBe(false);
  });

  it('takes a resume token of the form <sessionId>.<secret> and nothing else', () => {
    const token = `6f1c2d4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f.${'Ab_-'.repeat(10)}xyz`;
    expect(parsePayload(startSessionSchema, { resumeToken: token }).success).toBe(true);
    for (const bad of ['', 'abc', `${token}x`, token.replace('.', ':'), `../../${token.slice(6)}`]) {
      expect(parsePayload(startSessionSchema, { resumeToken: bad }).success).toBe(false);
    }
  });

  it('requires a uuid client event id on self-reports', () => {
    const report = { phase: 'before', valence: 5, arousal: 5, dominance: 5 };
    expect(parsePayload(selfReportSchema, report).success).toBe(false);
    expect(
      parsePayload(selfReportSchema, { ...report, clientEventId: '6f1c2d4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f' }).success,
    ).toBe(true);
  });

  it('limits participant codes to a safe alphabet', () => {
    expect(parsePayload(startSessionSchema, { participantCode: 'P-001' }).success).toBe(true);
    expect(parsePayload(startSessionSchema, { participantCode: '../etc' }).success).toBe(false);
    expect(parsePayload(startSessionSchema, {}).success).toBe(true);
  });
});
