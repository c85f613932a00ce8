// A small W3C WebDriver client over HTTP, for tauri-driver + WebKitWebDriver.
// WebdriverIO 9 insists on WebDriver BiDi, which WebKitWebDriver refuses, and
// its packages carry browser-download machinery this offline project cannot
// use; the classic protocol needs only fetch.

// The W3C web element identifier.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// The Enter key in WebDriver's key codes; a plain "\n" is not typed as one.
const ENTER = '\uE007';

export class WebDriver {
  constructor(base) {
    this.base = base;
    this.session = null;
  }

  async request(method, path, body) {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const v = json.value ?? {};
      throw new Error(`${method} ${path}: ${res.status} ${v.error ?? ''} ${v.message ?? ''}`);
    }
    return json.value;
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  /** Starts the app. tauri-driver can race at start, so a failure is retried. */
  async start(application, args = []) {
    let last;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const value = await this.request('POST', '/session', {
          capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
        });
        this.session = value.sessionId;
        return;
      } catch (e) {
        last = e;
        await sleep(1000);
      }
    }
    throw last;
  }

  /** Closes the window, which quits the app. */
  async quit() {
    if (this.session) await this.request('DELETE', this.s(''));
    this.session = null;
  }

  async find(css) {
    const value = await this.request('POST', this.s('/element'), { using: 'css selector', value: css });
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await this.request('POST', this.s('/elements'), { using: 'css selector', value: css });
    return value.map((v) => v[ELEMENT]);
  }

  /** Polls `check` until it returns a truthy value; fails with `what` after `ms`. */
  async waitUntil(what, check, ms = 20000) {
    const end = Date.now() + ms;
    let last;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) {
        await this.onTimeout?.(what);
        throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
      }
      await sleep(200);
    }
  }

  waitFor(css, ms) {
    return this.waitUntil(css, () => this.find(css), ms);
  }

  clear(el) {
    return this.request('POST', this.s(`/element/${el}/clear`), {});
  }

  click(el) {
    return this.request('POST', this.s(`/element/${el}/click`), {});
  }

  /** Types as a person would: a line break is a press of Enter. */
  type(el, text) {
    return this.request('POST', this.s(`/element/${el}/value`), { text: text.replaceAll('\n', ENTER) });
  }

  /**
   * Finds `css` and types into it. A stale element (the UI re-rendered the
   * field between finding and typing, as it does once a new article has
   * loaded) is found again; nothing was typed into the stale one.
   */
  async typeInto(css, text) {
    for (let attempt = 0; ; attempt++) {
      const el = await this.waitFor(css);
      try {
        return await this.type(el, text);
      } catch (e) {
        if (attempt >= 5 || !String(e.message).includes('stale element')) throw e;
        await sleep(200);
      }
    }
  }

  property(el, name) {
    return this.request('GET', this.s(`/element/${el}/property/${name}`));
  }

  attribute(el, name) {
    return this.request('GET', this.s(`/element/${el}/attribute/${name}`));
  }

  text(el) {
    return this.request('GET', this.s(`/element/${el}/text`));
  }

  execute(script, args = []) {
    return this.request('POST', this.s('/execute/sync'), { script, args });
  }

  /** PNG bytes of the window. */
  async screenshot() {
    return Buffer.from(await this.request('GET', this.s('/screenshot')), 'base64');
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
