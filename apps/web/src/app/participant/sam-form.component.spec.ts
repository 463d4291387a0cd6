import { TestBed } from '@angular/core/testing';
import { SamFormComponent } from './sam-form.component';
import type { SamRatings } from './participant-session.service';

describe('SamFormComponent', () => {
  it('has three labelled 9-point scales and submits only when all are answered', async () => {
    const fixture = TestBed.createComponent(SamFormComponent);
    fixture.componentRef.setInput('phase', 'after');
    const submitted: SamRatings[] = [];
    fixture.componentInstance.submitted.subscribe((r) => submitted.push(r));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`)!;

    expect([...Array.from(el.querySelectorAll('legend'))].map((l) => l.textContent)).toEqual([
      'How pleasant do you feel?',
      'How excited or calm do you feel?',
      'How much in control do you feel?',
    ]);
    expect(el.querySelectorAll('input[type="radio"]')).toHaveLength(27);
    expect(byTestId('sam-after-valence-1').getAttribute('aria-label')).toContain('1 of 9, 1 unhappy, 9 happy');
    expect(byTestId<HTMLButtonElement>('sam-after-submit').disabled).toBe(true);

    byTestId('sam-after-valence-8').click();
    byTestId('sam-after-arousal-2').click();
    await fixture.whenStable();
    expect(byTestId<HTMLButtonElement>('sam-after-submit').disabled).toBe(true);
    byTestId('sam-after-dominance-6').click();
    await fixture.whenStable();
    byTestId('sam-after-submit').click();
    expect(submitted).toEqual([{ valence: 8, arousal: 2, dominance: 6 }]);

    fixture.componentRef.setInput('status', { state: 'failed', error: 'offline' });
    await fixture.whenStable();
    expect(byTestId('sam-after-status').textContent).toBe('Not saved: offline');
  });
});
