// The dashboard as a CIO office uses it, in Debian's headless Chromium: sign in, the heat map's
// figures against GetReadiness, two levels down and back by the breadcrumb, the people below
// target paged and filtered (each page audited), English and back, the CSV export, a phone's
// screen, the print view, CSRF and signing out, and a CIO office of another ministry seeing
// nothing of this one. Screenshots of the main pages go to THAKSA_SCREENSHOTS.
//
// dashboard_test.sh starts the server and sets: THAKSA_URL (the HTTP door), THAKSA_CIO_TOKEN
// (the CIO office of MDES), THAKSA_OTHER_TOKEN (the CIO office of another ministry),
// THAKSA_ADMIN_TOKEN, THAKSA_SCREENSHOTS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';

const base = process.env.THAKSA_URL;
const cioToken = process.env.THAKSA_CIO_TOKEN;
const otherToken = process.env.THAKSA_OTHER_TOKEN;
const adminToken = process.env.THAKSA_ADMIN_TOKEN;
const screenshots = process.env.THAKSA_SCREENSHOTS;

// A REST call with a bearer token, as an HR system would make it.
async function api(route, token) {
  const response = await fetch(`${base}${route}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `${route}: ${await response.clone().text()}`);
  return response.json();
}

function percent(share) {
  return `${Math.round(share * 100)}%`;
}

function judged(counts) {
  return Number(counts.headcount) - Number(counts.target_not_declared);
}

describe('the dashboard', () => {
  let browser;
  let page;
  const pageErrors = [];
  const outsideRequests = []; // the dashboard must work offline: nothing but the door is asked
  const policyViolations = [];

  const shoot = (name) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  const text = (selector) => page.$eval(selector, (node) => node.textContent.trim());
  const mainText = () => text('#main');

  async function signIn(token) {
    await page.goto(`${base}/`);
    await page.waitForSelector('#sign-in');
    await page.type('#token', token);
    await page.click('#sign-in button[type=submit]');
  }

  async function sessionCookie() {
    const cookies = await browser.cookies();
    return cookies.find((cookie) => cookie.name === 'thaksa_session');
  }

  // Every cell of the heat map equals GetReadiness of `code` (with its subtree).
  async function expectHeatMapOf(code) {
    await page.waitForSelector('table.heat');
    const readiness = await api(`/v1/readiness?agency_code=${code}&subtree=true`, cioToken);
    const shown = await page.$$eval('td.cell[data-group]', (cells) => cells.map((cell) => ({
      key: `${cell.dataset.framework}|${cell.dataset.group}|${cell.dataset.skillSet}`,
      share: cell.querySelector('.share').textContent,
      meets: cell.dataset.meets,
      judged: cell.dataset.judged,
      says: cell.querySelector('small').textContent,
    })));
    assert.equal(shown.length, readiness.cells.length, 'one cell per group x skill set');
    const byKey = new Map(shown.map((cell) => [cell.key, cell]));
    for (const cell of readiness.cells) {
      const key = `${cell.framework_code}|${cell.personnel_group}|${cell.skill_set_code}`;
      const on = byKey.get(key);
      assert.ok(on, `cell ${key} is shown`);
      assert.equal(on.meets, String(cell.counts.meets_present), key);
      assert.equal(Number(on.judged), judged(cell.counts), key);
      if (judged(cell.counts) > 0) {
        assert.equal(on.says, `${cell.counts.meets_present} จาก ${judged(cell.counts)} คน`, key);
        assert.equal(on.share.replace('*', ''), percent(cell.counts.share_ready), key);
        assert.equal(on.share.endsWith('*'), cell.counts.provisional, `${key} marks provisional targets`);
      }
    }
    return readiness;
  }

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (entry) => {
      if (entry.text().includes('Content Security Policy')) policyViolations.push(entry.text());
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith(base) || request.url().startsWith('data:')) {
        request.continue();
      } else {
        outsideRequests.push(request.url());
        request.abort();
      }
    });
    await page.setViewport({ width: 1366, height: 768 });
  });

  after(async () => {
    await browser?.close();
  });

  it('asks for a token, in Thai, and refuses a wrong one', async () => {
    await signIn('thk_not-a-token');
    await page.waitForSelector('#sign-in [role=alert]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'th');
    assert.match(await text('#sign-in [role=alert]'), /โทเค็นไม่ถูกต้อง/);
    assert.equal(await sessionCookie(), undefined);
    await shoot('sign-in');
  });

  it('signs in with a CIO token into an HttpOnly, SameSite=Strict session that expires', async () => {
    await signIn(cioToken);
    await page.waitForSelector('table.heat');
    const session = await sessionCookie();
    assert.ok(session, 'a session cookie is set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    const hours = (session.expires - Date.now() / 1000) / 3600;
    assert.ok(hours > 7.9 && hours <= 8, `the session expires in 8 hours, not ${hours}`);
    assert.notEqual(session.value, cioToken, 'the browser keeps a session token, not the long-lived one');
    const visible = await page.evaluate(() => [document.cookie, JSON.stringify(localStorage),
      JSON.stringify(sessionStorage)].join(' '));
    assert.ok(!visible.includes(session.value), 'scripts cannot read the session token');
    assert.ok(!visible.includes(cioToken), 'the page keeps no token');
  });

  it('shows the heat map with the figures of GetReadiness, the targets and the data\'s freshness', async () => {
    const readiness = await expectHeatMapOf('MDES');
    assert.equal(await text('#agency-name'), 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม');
    const framework = await api('/v1/frameworks/CS-2018', cioToken);
    const headers = await page.$$eval('table.heat[data-framework="CS-2018"] th[data-skill-set]',
      (cells) => cells.map((cell) => cell.textContent));
    for (const header of headers) {
      assert.ok(framework.skill_sets.some((set) => set.name.th === header), `${header} is a skill set's Thai name`);
    }
    assert.ok(await page.$('td.cell .target'), 'cells show their target level');
    assert.match(await text('#freshness'), /ข้อมูล ณ/);
    const children = await page.$$eval('table.children tr[data-agency]', (rows) => rows.map((row) => row.dataset.agency));
    assert.deepEqual(children.sort(), readiness.children.map((child) => child.agency_code).sort());
    assert.ok(await page.$('#trend-chart'), 'the monthly trend is drawn');
    assert.match(await text('#learning-mix'), /70:20:10/);
    await shoot('heat-map');
  });

  it('goes down two levels and back up by the breadcrumb', async () => {
    await page.click('tr[data-agency="TMD"] a');
    await page.waitForFunction(() => document.querySelector('#agency-name')?.textContent === 'กรมอุตุนิยมวิทยา');
    await expectHeatMapOf('TMD');
    await page.click('tr[data-agency="TMD-IT"] a');
    await page.waitForFunction(() => document.querySelector('#agency-name')?.textContent === 'ศูนย์ดิจิทัลอุตุนิยมวิทยา');
    await expectHeatMapOf('TMD-IT');
    assert.equal(await text('.breadcrumb'),
      'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม › กรมอุตุนิยมวิทยา › ศูนย์ดิจิทัลอุตุนิยมวิทยา');
    await shoot('drill-down');
    await page.click('.breadcrumb a[href="#/agency/MDES"]');
    await page.waitForFunction(() => document.querySelector('#agency-name')?.textContent.startsWith('กระทรวง'));
  });

  it('pages the people below target, filtered by group, each page audited', async () => {
    const before = await api('/v1/auditEvents?method=/thaksa.readiness.v1.ReadinessService/ListGaps&page_size=1000', adminToken);
    await page.click('#show-gaps');
    await page.waitForSelector('#gaps-table');
    const rows = () => page.$$eval('#gaps-table tbody tr', (trs) => trs.map((tr) => tr.dataset.person));
    const first = await api('/v1/agencies/MDES/gaps?page_size=25', cioToken);
    assert.deepEqual(await rows(), first.gaps.map((gap) => gap.person_id));
    assert.ok(first.next_page_token, 'the demo has more than one page of gaps');
    await page.click('#gaps-next');
    await page.waitForFunction(() => document.querySelector('#gaps-page')?.textContent === 'หน้า 2');
    const second = await api(`/v1/agencies/MDES/gaps?page_size=25&page_token=${encodeURIComponent(first.next_page_token)}`, cioToken);
    assert.deepEqual(await rows(), second.gaps.map((gap) => gap.person_id));
    await page.click('#gaps-previous');
    await page.waitForFunction(() => document.querySelector('#gaps-page')?.textContent === 'หน้า 1');
    assert.deepEqual(await rows(), first.gaps.map((gap) => gap.person_id));

    const technology = await api('/v1/agencies/MDES/gaps?page_size=25&personnel_group=PERSONNEL_GROUP_TECHNOLOGY', cioToken);
    await page.select('#gap-group', 'PERSONNEL_GROUP_TECHNOLOGY');
    await page.click('#gap-filter button[type=submit]');
    // The unfiltered table stays until the page takes the new address in, then a loading
    // message stands until the filtered one comes: wait for the filtered people themselves.
    await page.waitForFunction((people) => location.hash.includes('group=PERSONNEL_GROUP_TECHNOLOGY') &&
      document.querySelector('#gaps-page')?.textContent === 'หน้า 1' && document.querySelector('#gaps-table') &&
      [...document.querySelectorAll('#gaps-table tbody tr')].map((tr) => tr.dataset.person).join() === people.join(),
    {}, technology.gaps.map((gap) => gap.person_id)).catch(() => {});
    assert.deepEqual(await rows(), technology.gaps.map((gap) => gap.person_id));
    const groups = await page.$$eval('#gaps-table tbody tr td:nth-child(3)', (cells) => [...new Set(cells.map((cell) => cell.textContent))]);
    assert.deepEqual(groups, ['ผู้ปฏิบัติงานด้านเทคโนโลยีดิจิทัล']);
    await shoot('gaps');

    const after = await api('/v1/auditEvents?method=/thaksa.readiness.v1.ReadinessService/ListGaps&page_size=1000', adminToken);
    const session = (await api('/v1/tokens?page_size=1000', adminToken)).tokens.find((token) => token.session && token.agency_code === 'MDES');
    const byBrowser = after.events.filter((event) => !before.events.some((old) => old.id === event.id) &&
      event.principal_token_id === session.id);
    const people = (response) => [...new Set(response.gaps.map((gap) => gap.person_id))];
    const seen = [first, second, first, technology].flatMap(people);
    assert.deepEqual(byBrowser.map((event) => event.entity_id).sort(), seen.sort(),
      'every person on every page seen is an audited read by the session');
    await page.click('.heading .button');
    await page.waitForSelector('table.heat');
  });

  it('switches to English and back to Thai', async () => {
    await page.click('#language');
    await page.waitForFunction(() => document.documentElement.lang === 'en' &&
      document.querySelector('#main h2')?.textContent.startsWith('Share of people'));
    await page.waitForSelector('table.heat');
    const rowHeads = await page.$$eval('table.heat tbody th', (cells) => cells.map((cell) => cell.textContent));
    assert.ok(rowHeads.includes('Digital technology'), rowHeads.join());
    assert.equal(await text('#sign-out'), 'Sign out');
    await shoot('english');
    await page.click('#language');
    await page.waitForFunction(() => document.documentElement.lang === 'th' &&
      document.querySelector('#sign-out')?.textContent === 'ออกจากระบบ');
    await page.waitForSelector('table.heat');
  });

  it('exports the CSV that ExportReadiness gives, with Thai headers', async () => {
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'thaksa-csv-'));
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('#export-csv');
    let files = [];
    for (let i = 0; i < 100 && !files.some((file) => file.endsWith('.csv')); i++) {
      await new Promise((resolve) => { setTimeout(resolve, 100); });
      files = fs.readdirSync(downloads);
    }
    const file = files.find((name) => name.endsWith('.csv'));
    assert.equal(file, 'ExportReadiness.csv');
    const csv = fs.readFileSync(path.join(downloads, file), 'utf8');
    const expected = await (await fetch(`${base}/v1/readiness:export?readiness.agency_code=MDES&readiness.subtree=true&language=th`,
      { headers: { Authorization: `Bearer ${cioToken}` } })).text();
    assert.equal(csv, expected);
    assert.match(csv.split('\n')[0], /หน่วยงาน/);
    assert.ok(csv.includes('\nTMD,'), 'a row of each agency below');
  });

  it('fits a phone-width screen', async () => {
    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await page.waitForSelector('table.heat');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide; only the tables scroll sideways`);
    await shoot('phone');
    await page.setViewport({ width: 1366, height: 768 }); // leaving the phone reloads the page
    await page.waitForSelector('table.heat');
  });

  it('prints the figures without the controls', async () => {
    await page.emulateMediaType('print');
    const hidden = await page.$$eval('.tools, .actions', (nodes) => nodes.map((node) => getComputedStyle(node).display));
    assert.deepEqual([...new Set(hidden)], ['none']);
    assert.ok(await page.$eval('table.heat', (table) => table.getBoundingClientRect().height > 0));
    await shoot('print');
    await page.emulateMediaType(null);
  });

  it('refuses a change made with the session cookie but without its CSRF token', async () => {
    const session = await sessionCookie();
    const cookie = `thaksa_session=${session.value}`;
    const forged = await fetch(`${base}/session`, { method: 'DELETE', headers: { Cookie: cookie } });
    assert.equal(forged.status, 403);
    const alsoForged = await fetch(`${base}/v1/sessions:end`, { method: 'POST', headers: { Cookie: cookie } });
    assert.equal(alsoForged.status, 403);
    const still = await fetch(`${base}/v1/whoami`, { headers: { Cookie: cookie } });
    assert.equal(still.status, 200, 'the session still works');
  });

  it('signs out, ending the session on the server too', async () => {
    const session = await sessionCookie();
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    assert.equal(await sessionCookie(), undefined, 'the cookie is gone');
    const replayed = await fetch(`${base}/v1/whoami`, { headers: { Cookie: `thaksa_session=${session.value}` } });
    assert.equal(replayed.status, 401, 'a copy of the cookie is useless');
    const longLived = await api('/v1/whoami', cioToken);
    assert.equal(longLived.session, false, 'signing out leaves the long-lived token alone');
  });

  it('shows a CIO office of another ministry nothing of this one', async () => {
    await signIn(otherToken);
    await page.waitForFunction(() => document.querySelector('#agency-name')?.textContent === 'กระทรวงการคลัง');
    await shoot('other-ministry');
    for (const where of ['#/agency/MDES', '#/agency/TMD-IT', '#/gaps/MDES']) {
      await page.evaluate((hash) => {
        document.getElementById('main').replaceChildren();
        location.hash = hash;
      }, where);
      await page.waitForSelector('#main [role=alert]');
      assert.match(await mainText(), /ไม่มีสิทธิ์/, where);
      const shown = await mainText();
      for (const name of ['กระทรวงดิจิทัล', 'กรมอุตุนิยมวิทยา', 'ศูนย์ดิจิทัล']) {
        assert.ok(!shown.includes(name), `${where} shows nothing of ${name}`);
      }
      assert.equal(await page.$('table'), null, `${where} shows no figures`);
    }
    await shoot('other-ministry-denied');
  });

  it('returns to signing in when the session is revoked elsewhere', async () => {
    const sessions = (await api('/v1/tokens?page_size=1000', adminToken)).tokens
      .filter((token) => token.session && token.agency_code === 'MOF');
    assert.equal(sessions.length, 1);
    const revoked = await fetch(`${base}/v1/tokens/${sessions[0].id}:revoke`, {
      method: 'POST', headers: { Authorization: `Bearer ${adminToken}` }, body: '{}',
    });
    assert.equal(revoked.status, 200);
    await page.evaluate(() => { location.hash = '#/agency/MOF'; }); // the next thing clicked
    await page.waitForSelector('#sign-in');
    assert.match(await mainText(), /หมดเวลาการเข้าใช้ กรุณาเข้าสู่ระบบอีกครั้ง/);
    assert.equal(await page.$eval('#sign-out', (button) => button.hidden), true);
  });

  it('ran without a script error, a request outside the door or a breach of its security policy', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(outsideRequests, []);
    assert.deepEqual(policyViolations, []);
  });
});
