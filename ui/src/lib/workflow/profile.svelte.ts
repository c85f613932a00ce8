// Who is at the keyboard. A library without a profile asks first, and the
// prompt stays until it has one; later the top bar or Settings change it.
import type { Profile } from '../../ipc';

export interface ProfileOptions {
  getProfile: () => Promise<Profile | null>;
  setProfile: (profile: Profile) => Promise<Profile>;
  /** Reading the profile failed. */
  onerror: (error: unknown) => void;
}

export class CurrentProfile {
  /** Who is at the keyboard; null until they have said so. */
  who = $state<Profile | null>(null);
  /** The library has no profile yet: the prompt stays until it has one. */
  required = $state(false);
  /** The dialog to change it is open. */
  editing = $state(false);

  readonly #options: ProfileOptions;

  constructor(options: ProfileOptions) {
    this.#options = options;
  }

  /** Whether the dialog is shown: asked for, or required. */
  get asking(): boolean {
    return this.required || this.editing;
  }

  async load(): Promise<void> {
    try {
      this.who = await this.#options.getProfile();
      this.required = this.who === null;
    } catch (error) {
      this.#options.onerror(error);
    }
  }

  /** Stores the profile and closes the dialog; rejects with the backend's error, the dialog open. */
  async save(next: Profile): Promise<void> {
    this.who = await this.#options.setProfile(next);
    this.required = false;
    this.editing = false;
  }
}
