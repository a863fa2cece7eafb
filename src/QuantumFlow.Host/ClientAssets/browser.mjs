// What the page checks share: Debian's chromium headless (never a downloaded browser; its background networking off,
// as this machine's network is closed) and the command line URL SCREENSHOT.png [TIMEOUT_MS].
import { chromium } from "playwright-core";

export function args(name, defaultTimeout) {
  const [url, shot, timeoutText] = process.argv.slice(2);
  if (!url || !shot) {
    console.error(`usage: node ${name} URL SCREENSHOT.png [TIMEOUT_MS]`);
    process.exit(2);
  }
  return { url, shot, timeout: Number(timeoutText ?? defaultTimeout) };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.QF_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
