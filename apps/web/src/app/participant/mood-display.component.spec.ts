import { TestBed } from '@angular/core/testing';
import { estimate } from '../testing/fixtures';
import { MoodDisplayComponent } from './mood-display.component';

describe('MoodDisplayComponent', () => {
  function render(mood: ReturnType<typeof estimate> | null, overridden = false) {
    const fixture = TestBed.createComponent(MoodDisplayComponent);
    fixture.componentRef.setInput('mood', mood);
    fixture.componentRef.setInput('overridden', overridden);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    return { el, byTestId: (id: string) => el.querySelector(`[data-testid="${id}"]`) };
  }

  it('waits, labelled, before any mood', () => {
    const { byTestId } = render(null);
    expect(byTestId('mood-display-label')?.textContent).toBe('Waiting for a first estimate');
    expect(byTestId('mood-emoji')?.getAttribute('aria-label')).toBe('No mood yet');
    expect(byTestId('va-point')).toBeNull();
    expect(byTestId('va-plane')?.getAttribute('aria-label')).toMatch(/no mood yet/);
  });

  it('shows emoji, label and the valence/arousal point (pleasant right, excited up)', () => {
    const { el, byTestId } = render({ ...estimate('happy', 0.8), valence: 0.5, arousal: -0.5 }, true);
    expect(byTestId('mood-emoji')?.textContent).toBe('😊');
    expect(byTestId('mood-display-label')?.textContent).toBe('happy');
    expect(byTestId('va-point')?.getAttribute('cx')).toBe('90');
    expect(byTestId('va-point')?.getAttribute('cy')).toBe('90');
    expect(el.textContent).toContain('your choice');
  });
});
