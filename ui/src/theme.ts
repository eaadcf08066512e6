// Light/dark: follow the system until the user picks one, then remember it.

const KEY = "quire.theme";
type Theme = "light" | "dark";

const systemDark = window.matchMedia("(prefers-color-scheme: dark)");

function saved(): Theme | null {
  const value = localStorage.getItem(KEY);
  return value === "light" || value === "dark" ? value : null;
}

export function currentTheme(): Theme {
  return saved() ?? (systemDark.matches ? "dark" : "light");
}

function apply(): void {
  document.documentElement.dataset.theme = currentTheme();
}

export function initTheme(onChange: () => void): void {
  apply();
  systemDark.addEventListener("change", () => {
    apply();
    onChange();
  });
}

export function toggleTheme(): void {
  localStorage.setItem(KEY, currentTheme() === "dark" ? "light" : "dark");
  apply();
}
