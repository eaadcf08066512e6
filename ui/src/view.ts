/** What a mounted view gives the shell so global shortcuts can reach it. */
export interface View {
  /** Handles a key the shell did not use; returns true when it used it. */
  onKey?(event: KeyboardEvent): boolean;
  /** The box that `/` and Ctrl+K focus. */
  searchBox?: HTMLInputElement;
  /** Called before the next view replaces this one. */
  dispose?(): void;
}

export type Params = Record<string, string>;
export type MountView = (root: HTMLElement, params: Params) => View | Promise<View>;
