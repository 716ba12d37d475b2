// The dashboard: sign-in, an agency's readiness (heat map, agencies below, trend, learning mix,
// freshness, CSV export) and the people below target, paged. Pages are addressed by the URL's
// fragment: #/ (the signed-in token's own agency, or the whole country for ADMIN),
// #/agency/CODE and #/gaps/CODE.
import { ApiError, get, signIn, signOut, url } from './api.js';
import {
  GROUPS, currentLanguage, formatDay, formatNumber, formatPercent, formatTime, localized,
  setLanguage, t,
} from './i18n.js';

const main = document.getElementById('main');
const GAPS_PAGE_SIZE = 25;

let me = null; // the signed-in session (TokenInfo), null when signed out
let charts = []; // the charts on the page, destroyed before the next one is drawn
let drawings = []; // charts to draw once their canvas is on the page
let rendering = 0; // the current render; an older one that finishes late draws nothing
const agencies = new Map(); // code -> Agency (the agency tree is not personal data)
const frameworks = new Map(); // code -> Framework, with targets
let frameworkList = null; // every framework, without targets: the skill sets' names

// An element with attributes (on* are listeners) and children (strings become text: the page
// never parses data as HTML).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function show(...nodes) {
  for (const chart of charts) chart.destroy();
  main.replaceChildren(...nodes.flat().filter((node) => node !== ''));
  charts = drawings.map((draw) => draw());
  drawings = [];
}

function message(text, kind = 'note') {
  return el('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// --- header -----------------------------------------------------------------------------

function drawHeader() {
  document.documentElement.lang = currentLanguage();
  document.getElementById('title').textContent = `${t('title')} ${t('subtitle')}`;
  document.title = `ทักษะ · ${t('title')}`;
  const language = document.getElementById('language');
  language.textContent = t('switchLanguage');
  const print = document.getElementById('print');
  print.textContent = t('print');
  print.hidden = me === null;
  const out = document.getElementById('sign-out');
  out.textContent = t('signOut');
  out.hidden = me === null;
}

document.getElementById('language').addEventListener('click', () => {
  setLanguage(currentLanguage() === 'th' ? 'en' : 'th');
  drawHeader();
  route();
});
document.getElementById('print').addEventListener('click', () => window.print());

// What one signed-in person saw is forgotten before another signs in.
function forgetSession() {
  me = null;
  agencies.clear();
  frameworks.clear();
  frameworkList = null;
  Object.assign(gapPaging, { key: '', tokens: [''], page: 0, loaded: null });
}

document.getElementById('sign-out').addEventListener('click', async () => {
  // The answer removes the cookies even when the server could not end the session.
  let note = t('signedOut');
  try {
    await signOut();
  } catch (error) {
    note = `${t('signOutFailed')} ${error.message}`;
  }
  forgetSession();
  drawHeader();
  showSignIn(note);
});

// --- signing in -------------------------------------------------------------------------

function showSignIn(note) {
  rendering++;
  const input = el('input', {
    id: 'token', name: 'token', type: 'password', required: true, autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = el('div');
  const submit = el('button', { type: 'submit' }, t('signIn'));
  const form = el('form', { class: 'card sign-in', id: 'sign-in' },
    el('h1', {}, t('signIn')),
    el('p', {}, t('signInIntro')),
    el('label', { for: 'token' }, t('token')), input,
    submit,
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true; // one session per sign-in
    try {
      forgetSession();
      me = await signIn(input.value);
      input.value = '';
      drawHeader();
      if (location.hash === '' || location.hash === '#/') route();
      else location.hash = '#/';
    } catch (error) {
      // A token with characters no header can carry never reaches the server: it is wrong too.
      const wrong = !(error instanceof ApiError) || error.status === 401 || error.status === 403;
      status.replaceChildren(message(wrong ? t('badToken') : error.message, 'error'));
    } finally {
      submit.disabled = false;
    }
  });
  show(...(note ? [message(note)] : []), form);
  input.focus();
}

// --- shared reads -----------------------------------------------------------------------

async function agencyOf(code) {
  if (!agencies.has(code)) agencies.set(code, await get(`/v1/agencies/${encodeURIComponent(code)}`));
  return agencies.get(code);
}

async function frameworkOf(code) {
  if (!frameworks.has(code)) frameworks.set(code, await get(`/v1/frameworks/${encodeURIComponent(code)}`));
  return frameworks.get(code);
}

// The agencies from the top of the signed-in scope down to `code`.
async function pathTo(code) {
  const path = [await agencyOf(code)];
  while (path.length < 12 && path[0].code !== me.agency_code && path[0].parent_code) {
    path.unshift(await agencyOf(path[0].parent_code));
  }
  return path;
}

function breadcrumb(path) {
  const items = [];
  if (me.role === 'ROLE_ADMIN') items.push(el('a', { href: '#/' }, t('country')));
  path.forEach((agency, i) => {
    const name = localized(agency.name);
    items.push(i === path.length - 1
      ? el('span', { 'aria-current': 'page' }, name)
      : el('a', { href: `#/agency/${encodeURIComponent(agency.code)}` }, name));
  });
  return el('nav', { class: 'breadcrumb', 'aria-label': 'breadcrumb' },
    items.flatMap((item, i) => (i === 0 ? [item] : [' › ', item])));
}

// Where a failed read leaves the page: signed out, or a message saying why.
function failure(error) {
  if (error instanceof ApiError && error.status === 401) {
    forgetSession();
    drawHeader();
    showSignIn(t('sessionEnded'));
    return;
  }
  const text = !(error instanceof ApiError) ? t('failed')
    : error.status === 403 ? t('denied')
      : error.status === 404 ? t('notFound') : `${t('failed')}: ${error.message}`;
  show(message(text, 'error'));
}

// --- readiness --------------------------------------------------------------------------

function judged(counts) {
  return Number(counts.headcount) - Number(counts.target_not_declared);
}

function shareColour(share) {
  return `hsl(${Math.round(share * 120)}, 65%, ${88 - Math.round(share * 18)}%)`;
}

function freshness(readiness) {
  const pending = Number(readiness.pending_changes);
  return el('p', { class: 'freshness', id: 'freshness' },
    `${t('dataAsOf')} ${formatTime(readiness.data_as_of_unix_micros)} · `,
    pending > 0 ? t('pending')(formatNumber(pending), Math.round(readiness.lag_seconds)) : t('upToDate'));
}

// The target a cell shows: the group's level, or under a framework with role profiles (whose
// targets differ by profile within a group) a note saying so; null when there is none.
function targetOf(framework, group, skillSet, period) {
  if ((framework.role_profiles || []).length > 0) return t('targetByRoleProfile');
  const found = (framework.targets || []).find((target) => target.personnel_group === group &&
    target.skill_set_code === skillSet && target.period === period);
  return found ? `${t('target')} ${found.level}` : null;
}

function countsCell(counts, attributes, target) {
  const people = judged(counts);
  const cell = el('td', { class: 'cell', ...attributes });
  if (people <= 0) {
    cell.classList.add('empty');
    cell.append(el('span', { class: 'share' }, '–'),
      el('small', {}, Number(counts.headcount) > 0 ? t('noTarget') : t('noPeople')));
    return cell;
  }
  cell.style.background = shareColour(counts.share_ready);
  cell.append(
    el('span', { class: 'share' }, formatPercent(counts.share_ready), counts.provisional ? '*' : ''),
    el('small', {}, t('meetsOf')(formatNumber(counts.meets_present), formatNumber(people))),
    target !== null ? el('small', { class: 'target' }, target) : '');
  return cell;
}

// The heat map of one framework's cells: personnel groups down, skill sets across.
function heatMap(readiness, framework, period) {
  const periodName = t('periods')[period];
  const cells = readiness.cells.filter((cell) => cell.framework_code === framework.code);
  const present = new Set(cells.map((cell) => cell.skill_set_code));
  const skillSets = framework.skill_sets.filter((set) => present.has(set.code));
  const groups = GROUPS.filter((group) => cells.some((cell) => cell.personnel_group === group));
  const byKey = new Map(cells.map((cell) => [`${cell.personnel_group}|${cell.skill_set_code}`, cell]));
  const rows = groups.map((group) => el('tr', {},
    el('th', { scope: 'row' }, t('groups')[group]),
    skillSets.map((set) => {
      const cell = byKey.get(`${group}|${set.code}`);
      if (!cell) return el('td', { class: 'cell none' });
      return countsCell(cell.counts, {
        'data-group': group, 'data-skill-set': set.code, 'data-framework': framework.code,
        'data-meets': cell.counts.meets_present, 'data-judged': judged(cell.counts),
      }, targetOf(framework, group, set.code, period));
    })));
  return el('section', { class: 'card' },
    el('h2', {}, t('heatMap')),
    el('p', { class: 'muted' }, `${t('framework')}: ${localized(framework.name)} (${framework.code})`),
    el('div', { class: 'scroll' },
      el('table', { class: 'heat', 'data-framework': framework.code },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('group')),
          skillSets.map((set) => el('th', { scope: 'col', 'data-skill-set': set.code }, localized(set.name))))),
        el('tbody', {}, rows))),
    periodName && (readiness.children || []).length > 0 ? el('p', { class: 'muted' }, t('targetsOf')(periodName)) : '',
    cells.some((cell) => cell.counts.provisional) ? el('p', { class: 'muted' }, t('provisional')) : '',
    el('p', { class: 'muted' }, t('countedInEachGroup')));
}

function childrenTable(readiness) {
  if (!readiness.children || readiness.children.length === 0) return '';
  const rows = readiness.children.map((child) => el('tr', { 'data-agency': child.agency_code },
    el('th', { scope: 'row' }, child.agency_code
      ? el('a', { href: `#/agency/${encodeURIComponent(child.agency_code)}` }, localized(child.agency_name))
      : t('directlyAttached')),
    el('td', { class: 'number' }, formatNumber(child.total.headcount)),
    el('td', { class: 'number' }, formatNumber(child.total.meets_present)),
    el('td', { class: 'number' }, judged(child.total) > 0 ? formatPercent(child.total.share_ready) : '–'),
    el('td', { class: 'bar-cell' }, el('span', { class: 'share-bar' }))));
  rows.forEach((row, i) => {
    row.querySelector('.share-bar').style.width = `${Math.round(readiness.children[i].total.share_ready * 100)}%`;
  });
  return el('section', { class: 'card' },
    el('h2', {}, t('children')),
    el('div', { class: 'scroll' }, el('table', { class: 'children' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('agency')),
        [t('headcount'), t('meets'), t('share')].map((title) => el('th', { scope: 'col', class: 'number' }, title)),
        el('th', { scope: 'col' }))),
      el('tbody', {}, rows))));
}

function withoutPeriod(readiness) {
  const list = readiness.agencies_without_period || [];
  if (list.length === 0) return '';
  return el('p', { class: 'message warning' }, t('withoutPeriod'), ' ',
    list.map((agency) => localized(agency.agency_name) || agency.agency_code).join(', '));
}

function trendSection(trend) {
  const canvas = el('canvas', { id: 'trend-chart', role: 'img', 'aria-label': t('trend') });
  const section = el('section', { class: 'card' }, el('h2', {}, t('trend')),
    el('div', { class: 'chart' }, canvas));
  const points = trend.points || [];
  drawings.push(() => new window.Chart(canvas, {
    type: 'line',
    data: {
      // Months by their first day; the last point is today.
      labels: points.map((point, i) => formatDay(point.date, i < points.length - 1)),
      datasets: [{
        label: t('shareReady'),
        data: points.map((point) => Math.round(point.share_ready * 1000) / 10),
        borderColor: '#1b5e8c', backgroundColor: 'rgba(27, 94, 140, 0.15)', fill: true, tension: 0.2,
      }],
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } } },
    },
  }));
  return section;
}

function mixSection(mix) {
  const modes = ['experiential', 'social', 'formal'];
  const ideal = { experiential: 70, social: 20, formal: 10 };
  const bars = modes.map((mode) => {
    const percent = Number(mix[`${mode}_percent`]);
    const fill = el('span', { class: `fill ${mode}` });
    fill.style.width = `${Math.min(100, percent)}%`;
    const marker = el('span', { class: 'ideal' });
    marker.style.left = `${ideal[mode]}%`;
    return el('div', { class: 'mix-row', 'data-mode': mode },
      el('span', { class: 'mix-label' }, t('modes')[mode]),
      el('span', { class: 'mix-bar' }, fill, marker),
      el('span', { class: 'number' }, `${Math.round(percent)}% · ${formatNumber(Math.round(mix[`${mode}_hours`]))} ${t('hours')}`));
  });
  const statuses = (mix.by_status || []).map((entry) =>
    el('li', {}, `${t('planStatus')[entry.status] || entry.status}: ${formatNumber(entry.plans)}`));
  return el('section', { class: 'card', id: 'learning-mix' },
    el('h2', {}, t('learningMix')),
    bars,
    el('p', {}, `${t('plans')}: ${formatNumber(mix.plans)} · ${t('plansMeetingMix')}: ${formatNumber(mix.plans_meeting_mix)}`
      + ` · ${t('plansCoveringFoundation')}: ${formatNumber(mix.plans_covering_foundation)}`),
    el('p', { id: 'applied-at-work' }, t('appliedAtWork')(formatNumber(Number(mix.activities_applied || 0)),
      formatNumber(Number(mix.activities_completed || 0)), Math.round(mix.applied_percent || 0))),
    el('ul', { class: 'statuses' }, statuses));
}

function exportLink(readinessParams) {
  const params = { language: currentLanguage() };
  for (const [name, value] of Object.entries(readinessParams)) params[`readiness.${name}`] = value;
  return el('a', { class: 'button', id: 'export-csv', href: url('/v1/readiness:export', params), download: true },
    t('exportCsv'));
}

async function showReadiness(code) {
  const mine = ++rendering;
  show(message(t('loading')));
  const national = code === '';
  const params = national ? { national: 'true', subtree: 'true' } : { agency_code: code, subtree: 'true' };
  try {
    // Readiness first: an agency outside the scope shows nothing of it, not even its name.
    const readiness = await get('/v1/readiness', params);
    const path = national ? [] : await pathTo(code);
    const agency = national ? null : path[path.length - 1];
    const codes = [...new Set(readiness.cells.map((cell) => cell.framework_code))];
    const used = await Promise.all(codes.map(frameworkOf));
    const [trend, mix] = national ? [null, null] : await Promise.all([
      get(`/v1/agencies/${encodeURIComponent(code)}/trend`),
      get(`/v1/agencies/${encodeURIComponent(code)}/learningMix`)]);
    if (mine !== rendering) return;
    const period = agency ? agency.current_period : 'PERIOD_UNSPECIFIED';
    const title = national ? t('country') : localized(agency.name);
    show(
      national ? el('nav', { class: 'breadcrumb' }, t('country')) : breadcrumb(path),
      el('div', { class: 'heading' },
        el('h1', { id: 'agency-name' }, title),
        el('div', { class: 'tools' },
          exportLink(params),
          national ? '' : el('a', { class: 'button', id: 'show-gaps', href: `#/gaps/${encodeURIComponent(code)}` }, t('showGaps')))),
      freshness(readiness),
      withoutPeriod(readiness),
      used.map((framework) => heatMap(readiness, framework, period)),
      childrenTable(readiness),
      national ? '' : el('div', { class: 'pair' }, trendSection(trend), mixSection(mix)));
  } catch (error) {
    if (mine === rendering) failure(error);
  }
}

// --- the people below target ------------------------------------------------------------

// The gaps' filter, the page tokens met so far, and the page shown: drawing it again (another
// language) reads no personal data again.
const gapPaging = { key: '', tokens: [''], page: 0, loaded: null };

function gapsTable(response, skillSetNames) {
  if (response.gaps.length === 0) return message(t('noGaps'));
  const rows = response.gaps.map((gap) => el('tr', { 'data-person': gap.person_id },
    el('td', {}, gap.person_id),
    el('td', {}, gap.agency_code),
    el('td', {}, t('groups')[gap.personnel_group] || gap.personnel_group,
      gap.further_group ? el('span', { class: 'muted further-group' }, ` (${t('furtherGroup')})`) : ''),
    el('td', {}, skillSetNames.get(gap.skill_set_code) || gap.skill_set_code),
    el('td', { class: 'number' }, gap.level < 0 ? t('notAssessed') : gap.level),
    el('td', { class: 'number' }, gap.target, gap.provisional ? '*' : ''),
    el('td', { class: 'number' }, gap.gap),
    el('td', {}, formatDay(gap.last_assessed))));
  return el('div', { class: 'scroll' }, el('table', { class: 'gaps', id: 'gaps-table' },
    el('thead', {}, el('tr', {}, [t('person'), t('agency'), t('group'), t('skillSet'), t('level'),
      t('target'), t('gap'), t('lastAssessed')].map((title) => el('th', { scope: 'col' }, title)))),
    el('tbody', {}, rows)));
}

async function showGaps(code, filter) {
  const mine = ++rendering;
  show(message(t('loading')));
  const key = `${code}|${filter.group}|${filter.skill}`;
  if (gapPaging.key !== key) Object.assign(gapPaging, { key, tokens: [''], page: 0, loaded: null });
  try {
    const page = gapPaging.page;
    const response = gapPaging.loaded?.page === page ? gapPaging.loaded.response
      : await get(`/v1/agencies/${encodeURIComponent(code)}/gaps`, {
        personnel_group: filter.group, skill_set_code: filter.skill,
        page_size: GAPS_PAGE_SIZE, page_token: gapPaging.tokens[page],
      });
    const path = await pathTo(code);
    frameworkList = frameworkList || (await get('/v1/frameworks')).frameworks;
    if (mine !== rendering) return;
    gapPaging.loaded = { page, response };
    const skillSetNames = new Map();
    for (const framework of frameworkList) {
      for (const set of framework.skill_sets) {
        if (!skillSetNames.has(set.code)) skillSetNames.set(set.code, localized(set.name));
      }
    }
    gapPaging.tokens[page + 1] = response.next_page_token;
    const groupSelect = el('select', { id: 'gap-group', name: 'group' },
      el('option', { value: '' }, t('allGroups')),
      GROUPS.map((group) => el('option', { value: group, selected: group === filter.group }, t('groups')[group])));
    const skillSelect = el('select', { id: 'gap-skill-set', name: 'skill' },
      el('option', { value: '' }, t('allSkillSets')),
      [...skillSetNames].map(([setCode, name]) => el('option', { value: setCode, selected: setCode === filter.skill }, name)));
    const form = el('form', { class: 'filters', id: 'gap-filter' },
      el('label', {}, t('group'), groupSelect),
      el('label', {}, t('skillSet'), skillSelect),
      el('button', { type: 'submit' }, t('filter')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = new URLSearchParams({ group: groupSelect.value, skill: skillSelect.value });
      location.hash = `#/gaps/${encodeURIComponent(code)}?${query}`;
    });
    const turn = (step) => () => {
      gapPaging.page += step;
      route();
    };
    show(
      breadcrumb(path),
      el('div', { class: 'heading' },
        el('h1', {}, `${t('gaps')} · ${localized(path[path.length - 1].name)}`),
        el('div', { class: 'tools' }, el('a', { class: 'button', href: `#/agency/${encodeURIComponent(code)}` }, t('backToAgency')))),
      el('p', { class: 'muted' }, t('gapsNote')),
      form,
      gapsTable(response, skillSetNames),
      el('div', { class: 'pager' },
        el('button', { type: 'button', id: 'gaps-previous', disabled: gapPaging.page === 0, onclick: turn(-1) }, t('previous')),
        el('span', { id: 'gaps-page' }, t('page')(gapPaging.page + 1)),
        el('button', { type: 'button', id: 'gaps-next', disabled: !response.next_page_token, onclick: turn(1) }, t('next'))));
  } catch (error) {
    if (mine === rendering) failure(error);
  }
}

// --- routing ----------------------------------------------------------------------------

function route() {
  if (me === null) {
    showSignIn();
    return;
  }
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const [, page, code] = path.split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch (error) {
      return part;
    }
  });
  const params = new URLSearchParams(query || '');
  if (page === 'agency' && code) showReadiness(code);
  else if (page === 'gaps' && code) showGaps(code, { group: params.get('group') || '', skill: params.get('skill') || '' });
  else if (me.agency_code) showReadiness(me.agency_code);
  else if (me.role === 'ROLE_ADMIN') showReadiness('');
  else show(message(t('denied'), 'error'));
}

window.addEventListener('hashchange', () => {
  gapPaging.key = ''; // a page reached by a link starts at its first page of gaps
  route();
});

async function start() {
  setLanguage(currentLanguage());
  try {
    me = await get('/v1/whoami');
  } catch (error) {
    me = null;
  }
  drawHeader();
  route();
}

start();
