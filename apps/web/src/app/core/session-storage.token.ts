import { InjectionToken } from '@angular/core';

/** Per-tab storage (the researcher sign-in token lives here, gone when the tab closes); a token so tests stay isolated. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => sessionStorage,
});
