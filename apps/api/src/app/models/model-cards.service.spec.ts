import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { ModelCardsService, flattenMetrics } from './model-cards.service';

describe('ModelCardsService', () => {
  let dir: string;
  let service: ModelCardsService;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attune-models-'));
    writeFileSync(join(dir, 'README.md'), '# Models');
    writeFileSync(join(dir, 'face-a.md'), '# Model card: face-a\n\nA CNN.');
    writeFileSync(join(dir, 'face-a.ckplus48-confusion.png'), 'png');
    writeFileSync(join(dir, 'other.fer-confusion.png'), 'png');
    mkdirSync(join(dir, 'face-a'));
    writeFileSync(
      join(dir, 'face-a', 'metadata.json'),
      JSON.stringify({
        metrics: {
          meanAccuracy: 0.85,
          complete: true,
          folds: [{ accuracy: 0.8 }],
          confusion: {
            labels: ['happy', 'sad'],
            matrix: [
              [9, 1],
              [2, 8],
            ],
          },
        },
      }),
    );
    mkdirSync(join(dir, 'voice-b'));
    writeFileSync(
      join(dir, 'voice-b', 'metadata.json'),
      JSON.stringify({ evaluation: { uar: 0.76, perClass: { sad: { f1: 0.7 } } } }),
    );
    service = new ModelCardsService({ modelsDir: dir } as AppConfig);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each model with its card, flattened metrics, confusion matrix and its own figures', async () => {
    const models = await service.list();
    expect(models.map((m) => m.id)).toEqual(['face-a', 'voice-b']);
    expect(models[0]).toEqual({
      id: 'face-a',
      title: 'Model card: face-a',
      card: '# Model card: face-a\n\nA CNN.',
      metrics: { meanAccuracy: 0.85, complete: true },
      confusion: {
        labels: ['happy', 'sad'],
        matrix: [
          [9, 1],
          [2, 8],
        ],
      },
      figures: [
        { name: 'face-a.ckplus48-confusion.png', url: '/api/models/face-a/figures/face-a.ckplus48-confusion.png' },
      ],
    });
    expect(models[1]).toMatchObject({ title: 'voice-b', card: '', metrics: { uar: 0.76, 'perClass.sad.f1': 0.7 } });
  });

  it('serves only the figures a model lists', async () => {
    expect(await service.figurePath('face-a', 'face-a.ckplus48-confusion.png')).toBe(
      join(dir, 'face-a.ckplus48-confusion.png'),
    );
    await expect(service.figurePath('face-a', 'other.fer-confusion.png')).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.figurePath('face-a', '../face-a.md')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('keeps metrics shallow', () => {
    expect(flattenMetrics({ a: { b: { c: { d: 1 } } }, x: 'text', n: Number.NaN })).toEqual({});
    expect(flattenMetrics({ a: { b: { c: 2 } } })).toEqual({ 'a.b.c': 2 });
  });
});
