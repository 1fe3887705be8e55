// Where the browsers live and how to start them headless. Shared by the tests, the screenshot
// script and the benchmark.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium firefox-esr';

/** Chromium flags that keep a headless run quiet and off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export class MissingBrowserError extends Error {}

export function requireBrowser(name: 'chromium' | 'firefox'): string {
  const executable = name === 'chromium' ? CHROMIUM_PATH : FIREFOX_PATH;
  if (!existsSync(executable)) {
    throw new MissingBrowserError(`${name} was not found at ${executable}. Install it with: ${INSTALL_COMMAND}`);
  }
  return executable;
}

export interface LaunchOptions {
  /** An unpacked extension folder to install. */
  extension?: string;
  headless?: boolean;
  args?: string[];
  /** Firefox only: extra preferences. */
  prefs?: Record<string, unknown>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<{ browser: Browser; extensionId?: string }> {
  const browser = await puppeteer.launch({
    executablePath: requireBrowser('chromium'),
    headless: options.headless ?? true,
    // A window of its own size when a person uses it; a fixed viewport for headless runs.
    defaultViewport: options.headless === false ? null : undefined,
    pipe: true,
    enableExtensions: options.extension !== undefined,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
  const extensionId = options.extension ? await browser.installExtension(options.extension) : undefined;
  return { browser, extensionId };
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<{ browser: Browser; extensionId?: string }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: requireBrowser('firefox'),
    headless: options.headless ?? true,
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access', ...(options.args ?? [])],
    extraPrefsFirefox: {
      // No updates, telemetry or remote settings: the test machine has no network.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.region.network.url': '',
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'services.settings.server': 'http://127.0.0.1:9/',
      ...options.prefs,
    },
  });
  const extensionId = options.extension ? await browser.installExtension(options.extension) : undefined;
  return { browser, extensionId };
}
