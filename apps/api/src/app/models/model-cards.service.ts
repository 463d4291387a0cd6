import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { ConfusionMatrixDto, ModelCardDto } from './model-card.dto';

/** Metrics nested deeper than this are per-fold or per-class detail, left to the card. */
const METRIC_DEPTH = 2;

/**
 * The models in MODELS_DIR as cards: `<id>.md`, `<id>/metadata.json` and `<id>.*.png` figures.
 * Read on each request (the directory is small and a training job may add to it).
 */
@Injectable()
export class ModelCardsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async list(): Promise<ModelCardDto[]> {
    const dir = this.config.modelsDir;
    if (!existsSync(dir)) return [];
    const entries = await readdir(dir, { withFileTypes: true });
    const cards = entries.filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md');
    const withMetadata = entries.filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'metadata.json')));
    const ids = [...new Set([...cards.map((e) => e.name.slice(0, -3)), ...withMetadata.map((e) => e.name)])].sort();
    const pngs = entries.filter((e) => e.isFile() && e.name.endsWith('.png')).map((e) => e.name);
    return Promise.all(ids.map((id) => this.card(dir, id, pngs)));
  }

  /** Absolute path of a figure; only names the listing offers, so no request reaches another file. */
  async figurePath(id: string, name: string): Promise<string> {
    const model = (await this.list()).find((m) => m.id === id);
    if (!model?.figures.some((f) => f.name === name)) throw new NotFoundException(`no figure ${name.slice(0, 80)}`);
    return join(this.config.modelsDir, name);
  }

  private async card(dir: string, id: string, pngs: string[]): Promise<ModelCardDto> {
    const card = await readFile(join(dir, `${id}.md`), 'utf8').catch(() => '');
    const metadata = await readFile(join(dir, id, 'metadata.json'), 'utf8')
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => null);
    const heading = /^#\s+(.+)$/m.exec(card)?.[1]?.trim();
    const metricsSource = (metadata?.['metrics'] ?? metadata?.['evaluation'] ?? {}) as Record<string, unknown>;
    return {
      id,
      title: heading ?? id,
      card,
      metrics: flattenMetrics(metricsSource),
      confusion: confusionOf(metricsSource['confusion']),
      figures: pngs
        .filter((name) => name.startsWith(`${id}.`))
        .map((name) => ({ name, url: `/api/models/${encodeURIComponent(id)}/figures/${encodeURIComponent(name)}` })),
    };
  }
}

export function flattenMetrics(
  source: Record<string, unknown>,
  prefix = '',
  depth = 0,
): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const [key, value] of Object.entries(source)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value;
    else if (typeof value === 'boolean') out[name] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'confusion' && depth < METRIC_DEPTH)
      Object.assign(out, flattenMetrics(value as Record<string, unknown>, name, depth + 1));
  }
  return out;
}

function confusionOf(value: unknown): ConfusionMatrixDto | null {
  const c = value as Partial<ConfusionMatrixDto> | undefined;
  if (!c || !Array.isArray(c.labels) || !Array.isArray(c.matrix)) return null;
  if (c.matrix.length !== c.labels.length || c.matrix.some((row) => !Array.isArray(row))) return null;
  return { labels: c.labels.map(String), matrix: c.matrix.map((row) => row.map(Number)) };
}
