/* plankg explorer: plain JavaScript over the JSON API, drawn with the vendored Cytoscape.js.
 *
 * Every piece of data reaches the DOM through textContent (the el() helper); nothing from the
 * API is ever parsed as HTML. All URLs are relative, so the page works under any mount prefix.
 */
'use strict';

(function () {
  // ---------------------------------------------------------------------------------------
  // Vocabulary (labels and relationship types of graph/model.py, with Chinese captions)
  // ---------------------------------------------------------------------------------------
  const LABELS = {
    Goal: { zh: '总目标', color: '#c0392b', shape: 'star', size: 46, font: 17 },
    CityPositioning: { zh: '城市定位', color: '#e67e22', shape: 'hexagon', size: 38, font: 15 },
    Task: { zh: '任务', color: '#2e86c1', shape: 'ellipse', size: 18, font: 11 },
    Indicator: { zh: '指标', color: '#27ae60', shape: 'diamond', size: 22, font: 12 },
    Department: { zh: '责任部门', color: '#8e44ad', shape: 'round-rectangle', size: 24, font: 12 },
    TaskForce: { zh: '专班', color: '#b7950b', shape: 'round-octagon', size: 24, font: 12 },
    Person: { zh: '人物', color: '#d35490', shape: 'ellipse', size: 18, font: 10 },
    Plan: { zh: '规划', color: '#16a085', shape: 'rhomboid', size: 24, font: 11 },
    Source: { zh: '来源', color: '#7f8c8d', shape: 'rectangle', size: 18, font: 10 },
  };
  const RELATIONS = {
    REALIZES: '实现', SUPPORTS: '支撑', PART_OF: '属于', MEASURES: '衡量', ADVANCES: '推进',
    RESPONSIBLE_FOR: '负责', HOLDS_ROLE: '任职于', LEADS: '领导', DRAFTED_BY: '起草单位',
    BASED_ON: '依据', IMPLEMENTS: '落实', DESCRIBED_IN: '载于',
  };
  const BASIS = { stated: '明确表述', presented: '发布会介绍', inferred: '推断' };
  const BASIS_SHORT = { stated: '述', presented: '介', inferred: '推' };
  // what an edge's reason is, by its basis: only an inferred edge's reason is an inference
  const REASON_LABEL = { stated: '依据', presented: '发布会介绍', inferred: '推断理由' };
  const OWNER_LABELS = ['Department', 'TaskForce'];
  const COLUMN_LABELS = ['Task', 'Indicator', 'Plan'];
  const OWNERS_URL = {
    Indicator: 'indicators', CityPositioning: 'positionings', Task: 'tasks', Goal: 'goals', Plan: 'plans',
  };
  const TARGETS_URL = { Department: 'departments', TaskForce: 'task-forces' };
  // what never climbs to the goal (graph/ladder.py NOT_CLIMBING): every other label has a ladder
  const NOT_CLIMBING = ['Department', 'TaskForce', 'Person', 'Plan', 'Source'];
  // every label is drawn at MIN_SCREEN_FONT px or more whatever the zoom (the names of these
  // labels at MIN_NAME_FONT, and wider), so the overview's default fit is readable
  const ALWAYS_NAMED = ['Goal', 'CityPositioning', 'Department', 'TaskForce'];
  const MIN_SCREEN_FONT = 10;
  const MIN_NAME_FONT = 12;
  // edge colours by type; the legend is drawn from the same table
  const EDGE_COLORS = {
    REALIZES: '#e67e22', MEASURES: '#7dcea0', SUPPORTS: '#85c1e9', RESPONSIBLE_FOR: '#a569bd',
  };
  const EDGE_DEFAULT_COLOR = '#b8c2cc';
  const ZH = window.PLANKG_ZH;

  const state = {
    cy: null,
    goalId: null,
    positionings: [],   // [{id, name}] in layout order
    selected: null,
    request: 0,         // the panel shows the answer of the latest click only
    matrixLoaded: false,
    totals: {},         // nodes per label in the whole graph (/health)
    restoring: true,    // while the URL's state is applied, changes do not rewrite the URL
  };

  // ---------------------------------------------------------------------------------------
  // Shareable state: the URL's hash holds the view, so a link reopens it
  //   #node=<id>&pos=<positioning id>&hide=Task,Person&inferred=0&q=<search>&goal=<id>&view=matrix
  // ---------------------------------------------------------------------------------------
  function readHash() {
    return new URLSearchParams(window.location.hash.replace(/^#/, ''));
  }

  function writeHash() {
    if (state.restoring) return;
    const params = new URLSearchParams();
    if (state.selected) params.set('node', state.selected);
    if ($('positioning-filter').value) params.set('pos', $('positioning-filter').value);
    const hidden = Array.from(document.querySelectorAll('#label-filters input')).filter((i) => !i.checked).map((i) => i.value);
    if (hidden.length) params.set('hide', hidden.join(','));
    if (!$('show-inferred').checked) params.set('inferred', '0');
    const q = $('search-input').value.trim();
    if (q) params.set('q', q);
    if (state.goalId && !$('goal-choice').hidden) params.set('goal', state.goalId);
    if (!$('matrix-view').hidden) params.set('view', 'matrix');
    const hash = params.toString();
    history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
  }

  /** Apply the URL's state after the overview has loaded: filters, then search, node, view. */
  async function restoreFromHash() {
    const params = readHash();
    state.restoring = true;
    try {
      const hidden = new Set((params.get('hide') || '').split(',').filter(Boolean));
      document.querySelectorAll('#label-filters input').forEach((i) => { i.checked = !hidden.has(i.value); });
      $('show-inferred').checked = params.get('inferred') !== '0';
      const pos = params.get('pos');
      if (pos && state.positionings.some((p) => p.id === pos)) $('positioning-filter').value = pos;
      applyFilters();
      const q = params.get('q');
      if (q) {
        $('search-input').value = q;
        await runSearch(q);
      }
      if (params.get('node')) {
        await focusNode(params.get('node'));
        $('search-results').hidden = true; // the link opens the node, the search is only kept
      }
      if (params.get('view') === 'matrix') switchView('matrix-view');
    } finally {
      state.restoring = false;
    }
  }

  // ---------------------------------------------------------------------------------------
  // DOM and HTTP helpers
  // ---------------------------------------------------------------------------------------
  /** Build an element. Strings and numbers among the children become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'style') Object.assign(node.style, value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(parent, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
  }

  const $ = (id) => document.getElementById(id);

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (_) { /* not JSON */ }
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  const enc = encodeURIComponent;
  const list = (answer, key) => (Array.isArray(answer) ? answer : (answer && answer[key]) || []);

  function setStatus(text, isError) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  function labelBadge(label) {
    const meta = LABELS[label] || { zh: label, color: '#999' };
    return el('span', { class: 'label-badge', style: { background: meta.color } }, meta.zh);
  }

  function basisBadge(basis) {
    if (!basis) return null;
    return el('span', { class: `basis basis-${basis}`, title: basis }, BASIS[basis] || basis);
  }

  // ---------------------------------------------------------------------------------------
  // Graph
  // ---------------------------------------------------------------------------------------
  function graphStyle() {
    const styles = [
      {
        selector: 'node',
        style: {
          label: 'data(name)',
          'font-family': getComputedStyle(document.documentElement).fontFamily,
          'font-size': 'data(fs)',
          color: '#1f2933',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': 'data(tw)',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'text-background-padding': 1,
          width: 'data(size)',
          height: 'data(size)',
          'background-color': 'data(color)',
          shape: 'data(shape)',
          'border-width': 0,
        },
      },
      { selector: 'node[label = "Goal"]', style: { 'text-wrap': 'wrap', 'text-max-width': 420, 'font-weight': 'bold' } },
      { selector: 'node[label = "CityPositioning"]', style: { 'text-wrap': 'wrap', 'font-weight': 'bold' } },
      {
        selector: 'edge',
        style: {
          width: 1.2,
          'line-color': 'data(color)',
          'target-arrow-color': 'data(color)',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.7,
          'curve-style': 'bezier',
          opacity: 0.75,
        },
      },
      { selector: 'edge[type = "REALIZES"]', style: { width: 3 } },
      { selector: 'edge[type = "RESPONSIBLE_FOR"]', style: { width: 1.8 } },
      { selector: 'edge[basis = "inferred"]', style: { 'line-style': 'dashed' } },
      { selector: '.hidden', style: { display: 'none' } },
      { selector: '.faded', style: { opacity: 0.3, 'text-opacity': 0.55 } },
      { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#f1c40f', 'z-index': 10, 'font-weight': 'bold' } },
      { selector: 'edge.lit', style: { opacity: 1, width: 2.5, label: 'data(zh)', 'font-size': 9, 'text-rotation': 'autorotate', color: '#616e7c', 'text-background-color': '#fff', 'text-background-opacity': 0.9 } },
    ];
    return styles;
  }

  function nodeElement(node) {
    const meta = LABELS[node.label] || { color: '#999', shape: 'ellipse', size: 18, font: 10 };
    return {
      group: 'nodes',
      data: {
        id: node.id, name: node.name, label: node.label,
        color: meta.color, shape: meta.shape, size: meta.size, font: meta.font,
        order: Number(node.properties && node.properties.order) || null,
        doc: documentPosition(node),
        fs: meta.font, tw: ALWAYS_NAMED.includes(node.label) ? 150 : 104,
      },
    };
  }

  /** Where a node is first written: (source, offset) as one sortable string ('~' when nowhere). */
  function documentPosition(node) {
    const first = (node.mentions || [])[0];
    return first ? `${first.source}\u0000${String(first.start).padStart(10, '0')}` : '~';
  }

  const byDocument = (a, b) => (a.data('doc') < b.data('doc') ? -1 : a.data('doc') > b.data('doc') ? 1 : 0);

  function edgeElement(edge) {
    const props = edge.properties || {};
    return {
      group: 'edges',
      data: {
        id: `${edge.source}|${edge.type}|${edge.target}`,
        source: edge.source, target: edge.target, type: edge.type,
        basis: props.basis || null, zh: RELATIONS[edge.type] || edge.type,
        color: EDGE_COLORS[edge.type] || EDGE_DEFAULT_COLOR,
      },
    };
  }

  /** Add a node-link subgraph; returns the ids of nodes that were not there before. */
  function addSubgraph(subgraph) {
    const cy = state.cy;
    const added = [];
    const nodes = subgraph.nodes.filter((n) => cy.getElementById(n.id).empty());
    cy.add(nodes.map(nodeElement));
    added.push(...nodes.map((n) => n.id));
    const edges = subgraph.edges
      .map(edgeElement)
      .filter((e) => cy.getElementById(e.data.id).empty() &&
        !cy.getElementById(e.data.source).empty() && !cy.getElementById(e.data.target).empty());
    cy.add(edges);
    return added;
  }

  /**
   * The overview layout: the goal on top, the six positionings as columns below it, each
   * positioning's indicators then tasks stacked under it, owners in a band between the goal and
   * the positionings (above the positionings they answer for), the rest in a last column.
   */
  function layeredLayout() {
    const cy = state.cy;
    const COL = 210, SUB = 104, ROW = 54;
    const Y_GOAL = 0, Y_OWNERS = 120, Y_POS = 250, Y_ITEMS = 330;
    const positions = {};
    const posNodes = cy.nodes('[label = "CityPositioning"]').toArray()
      .sort((a, b) => (a.data('order') || 99) - (b.data('order') || 99) || a.data('name').localeCompare(b.data('name'), 'zh'));
    state.positionings = posNodes.map((n) => ({ id: n.id(), name: n.data('name') }));
    const column = {};
    posNodes.forEach((n, i) => { column[n.id()] = i; });
    const columnOf = (node) => {
      const linked = node.connectedEdges().connectedNodes('[label = "CityPositioning"]')
        .map((p) => column[p.id()]).filter((c) => c !== undefined);
      return linked.length ? Math.min(...linked) : null;
    };

    const columns = posNodes.map(() => []);
    const rest = [];
    const owners = [];
    cy.nodes().forEach((node) => {
      const label = node.data('label');
      if (label === 'Goal' || label === 'CityPositioning') return;
      if (OWNER_LABELS.includes(label)) { owners.push(node); return; }
      let c = COLUMN_LABELS.includes(label) ? columnOf(node) : null;
      if (c === null && label === 'Task') {
        // a sub-task sits in its parent's column
        const parents = node.outgoers('edge[type = "PART_OF"]').targets('[label = "Task"]');
        const parentColumns = parents.map(columnOf).filter((x) => x !== null);
        if (parentColumns.length) c = Math.min(...parentColumns);
      }
      node.data('column', c === null ? null : posNodes[c].id());
      (c === null ? rest : columns[c]).push(node);
    });

    // a long column gets a third sub-column (and becomes wider) rather than a long tail
    const subs = (n) => (n > 24 ? 3 : 2);
    const widths = columns.map((nodes) => Math.max(COL, subs(nodes.length) * SUB + 6));
    const centres = [];
    widths.reduce((x, w, i) => { centres[i] = x + w / 2; return x + w; }, 0);
    const width = widths.reduce((a, b) => a + b, 0) || COL;
    const columnX = (c) => centres[Math.round(c)] ?? (c * COL);
    const goals = cy.nodes('[label = "Goal"]').toArray();
    goals.forEach((g, i) => { positions[g.id()] = { x: width / 2 + i * 360, y: Y_GOAL }; });
    posNodes.forEach((n, i) => { positions[n.id()] = { x: centres[i], y: Y_POS }; });

    const rank = { Indicator: 0, Task: 1, Plan: 2 };
    const stack = (nodes, x0) => {
      const k0 = subs(nodes.length);
      nodes.sort((a, b) => (rank[a.data('label')] ?? 3) - (rank[b.data('label')] ?? 3) || byDocument(a, b));
      nodes.forEach((node, k) => {
        positions[node.id()] = { x: x0 + ((k % k0) - (k0 - 1) / 2) * SUB, y: Y_ITEMS + Math.floor(k / k0) * ROW };
      });
    };
    columns.forEach((nodes, i) => stack(nodes, centres[i]));
    stack(rest, width + COL / 2);

    // owners: above the mean of their positionings, pushed apart to avoid overlaps
    const placed = owners.map((node) => {
      const cols = node.connectedEdges().connectedNodes('[label = "CityPositioning"]')
        .map((p) => column[p.id()]).filter((c) => c !== undefined);
      const x = cols.length ? cols.map(columnX).reduce((a, b) => a + b, 0) / cols.length : width;
      return { node, x };
    }).sort((a, b) => a.x - b.x || a.node.data('name').localeCompare(b.node.data('name'), 'zh'));
    const GAP = 112;
    placed.forEach((p, i) => {
      if (i > 0 && p.x < placed[i - 1].x + GAP) p.x = placed[i - 1].x + GAP;
    });
    if (placed.length) {
      const shift = (placed[0].x + placed[placed.length - 1].x) / 2 - width / 2;
      const needsShift = placed[placed.length - 1].x > width;
      placed.forEach((p, i) => {
        positions[p.node.id()] = { x: needsShift ? p.x - shift : p.x, y: Y_OWNERS + (i % 2) * 34 };
      });
    }

    cy.layout({ name: 'preset', positions: (node) => positions[node.id()] || { x: width, y: Y_GOAL }, fit: true, padding: 30 }).run();
  }

  /** Place nodes added after the overview next to a neighbour that already has a place. */
  function placeNear(ids) {
    const cy = state.cy;
    ids.forEach((id, k) => {
      const node = cy.getElementById(id);
      const anchor = node.neighborhood('node').filter((n) => !ids.includes(n.id())).first();
      const base = anchor.nonempty() ? anchor.position() : { x: 0, y: -120 };
      const angle = (k * 2 * Math.PI) / Math.max(ids.length, 6);
      node.position({ x: base.x + 90 * Math.cos(angle), y: base.y + 70 + 60 * Math.sin(angle) });
    });
  }

  function applyFilters() {
    const cy = state.cy;
    const hiddenLabels = new Set(
      Array.from(document.querySelectorAll('#label-filters input')).filter((i) => !i.checked).map((i) => i.value));
    const pid = $('positioning-filter').value;
    const showInferred = $('show-inferred').checked;
    cy.batch(() => {
      cy.edges().forEach((edge) => edge.toggleClass('hidden', !showInferred && edge.data('basis') === 'inferred'));
      cy.nodes().forEach((node) => {
        let visible = !hiddenLabels.has(node.data('label'));
        if (visible && pid) {
          const label = node.data('label');
          if (label === 'CityPositioning') visible = node.id() === pid;
          else if (label === 'Goal') visible = true;
          else if (OWNER_LABELS.includes(label)) visible = node.edgesTo(cy.getElementById(pid)).nonempty();
          else visible = node.data('column') === pid || node.edgesWith(cy.getElementById(pid)).nonempty();
        }
        node.toggleClass('hidden', !visible);
      });
    });
    const nodes = cy.nodes().not('.hidden');
    const edges = nodes.edgesWith(nodes).not('.hidden');
    if (nodes.nonempty()) cy.animate({ fit: { eles: nodes, padding: 30 } }, { duration: 250 });
    setStatus([`显示 ${nodes.length} 个节点 · ${edges.length} 条关系`, ...partialCounts()].join(' · '));
    writeHash();
  }

  /** "概览含 80/140 个任务、7/10 个责任部门（其余可搜索打开）": the labels the overview holds only part of. */
  function partialCounts() {
    const cy = state.cy;
    const parts = Object.entries(state.totals)
      .map(([label, total]) => [label, cy.nodes(`[label = "${label}"]`).length, total])
      .filter(([, shown, total]) => shown > 0 && shown < total)
      .map(([label, shown, total]) => `${shown}/${total} 个${(LABELS[label] || { zh: label }).zh}`);
    return parts.length ? [`概览含 ${parts.join('、')}（其余可搜索打开）`] : [];
  }

  function buildFilters() {
    const cy = state.cy;
    const fieldset = $('label-filters');
    const select = $('positioning-filter');
    // rebuilt when nodes are added: keep what the reader chose
    const unchecked = new Set(Array.from(fieldset.querySelectorAll('input')).filter((i) => !i.checked).map((i) => i.value));
    const chosen = select.value;
    fieldset.querySelectorAll('label').forEach((l) => l.remove());
    for (const [label, meta] of Object.entries(LABELS)) {
      const count = cy.nodes(`[label = "${label}"]`).length;
      if (!count) continue;
      const input = el('input', { type: 'checkbox', value: label, checked: !unchecked.has(label), onchange: applyFilters });
      const total = state.totals[label];
      fieldset.append(el('label', { title: total > count ? `概览显示 ${count} 个，图中共 ${total} 个` : null },
        input, el('span', { class: 'swatch', style: { background: meta.color } }),
        total > count ? `${meta.zh} (${count}/${total})` : `${meta.zh} (${count})`));
    }
    select.querySelector('option[value=""]').textContent = `全部（${state.positionings.length} 个城市定位）`;
    select.querySelectorAll('option:not([value=""])').forEach((o) => o.remove());
    state.positionings.forEach((p) => select.append(el('option', { value: p.id }, p.name)));
    select.value = state.positionings.some((p) => p.id === chosen) ? chosen : '';
  }

  function highlight(id) {
    const cy = state.cy;
    cy.elements().removeClass('faded selected lit');
    state.selected = id;
    writeHash();
    if (!id) return;
    const node = cy.getElementById(id);
    if (node.empty()) return;
    const keep = node.closedNeighborhood();
    cy.elements().not(keep).addClass('faded');
    node.addClass('selected');
    node.connectedEdges().addClass('lit');
  }

  /** Un-fade the nodes an answer walked through (owners, ladder) and the edges among them. */
  function emphasise(ids) {
    const cy = state.cy;
    const nodes = cy.collection(ids.map((id) => cy.getElementById(id)).filter((n) => n.nonempty()));
    if (nodes.empty()) return;
    nodes.removeClass('faded');
    nodes.edgesWith(nodes).removeClass('faded').addClass('lit');
  }

  function pathIds(rows) {
    return rows.flatMap((row) => (row.path || row.steps || []).flatMap((step) => [step.source.id, step.target.id]));
  }

  /** The overview of one goal (the first, or the one chosen when the graph holds several cities). */
  async function loadOverview() {
    setStatus('加载中…');
    const goals = list(await api('goals?limit=500'), 'items');
    const cy = state.cy;
    cy.elements().remove();
    if (!goals.length) {
      setStatus('图谱为空：请先运行 plankg build', true);
      return;
    }
    const choice = $('goal-filter');
    if (!goals.some((g) => g.id === state.goalId)) state.goalId = goals[0].id;
    choice.replaceChildren(...goals.map((g) => el('option', { value: g.id },
      g.properties && g.properties.city ? `${g.properties.city}：${g.name}` : g.name)));
    choice.value = state.goalId;
    $('goal-choice').hidden = goals.length < 2;
    addSubgraph(await api(`graph?focus=${enc(state.goalId)}&depth=2`));
    state.totals = (await optional(api('health'))).counts?.nodes || {};
    layeredLayout();
    buildFilters();
    applyFilters();
  }

  async function focusNode(id) {
    const cy = state.cy;
    if (cy.getElementById(id).empty()) {
      const added = addSubgraph(await api(`graph?focus=${enc(id)}&depth=1`));
      placeNear(added);
      buildFilters();
    }
    const node = cy.getElementById(id);
    node.removeClass('hidden');
    highlight(id);
    const p = node.renderedPosition();
    const margin = 40;
    if (p.x < margin || p.y < margin || p.x > cy.width() - margin || p.y > cy.height() - margin) {
      cy.animate({ center: { eles: node } }, { duration: 300 });
    }
    await showPanel(id);
  }

  // ---------------------------------------------------------------------------------------
  // Side panel
  // ---------------------------------------------------------------------------------------
  /** The sentence of a mention with its text highlighted (offsets are code points). */
  function evidence(mention) {
    const chars = Array.from(mention.sentence || '');
    const textChars = Array.from(mention.text || '');
    let a = mention.start - mention.sentence_start;
    let b = mention.end - mention.sentence_start;
    if (!(a >= 0 && b <= chars.length && a <= b && chars.slice(a, b).join('') === mention.text)) {
      const i = (mention.sentence || '').indexOf(mention.text);
      if (mention.text && i >= 0) {
        a = Array.from(mention.sentence.slice(0, i)).length;
        b = a + textChars.length;
      } else {
        a = -1;
      }
    }
    const sentence = el('p', { class: 'evidence' });
    if (a < 0) sentence.append(mention.sentence || mention.text || '');
    else append(sentence, [chars.slice(0, a).join(''), el('mark', {}, chars.slice(a, b).join('')), chars.slice(b).join('')]);
    return el('div', { class: 'mention' }, sentence,
      el('div', { class: 'evidence-source' }, `${mention.source} · 第 ${mention.start}–${mention.end} 字`));
  }

  function nodeLink(ref) {
    return el('button', { type: 'button', class: 'linkish', onclick: () => focusNode(ref.id).catch(showError) },
      ref.name);
  }

  function section(title, ...content) {
    return [el('h3', {}, title), ...content];
  }

  function propertiesTable(node) {
    const rows = Object.entries(node.properties || {})
      .filter(([, value]) => value !== null && value !== '' && !(Array.isArray(value) && !value.length))
      .map(([key, value]) => el('tr', {}, el('th', { title: key }, ZH.property(key)), el('td', {}, ZH.value(key, value))));
    rows.unshift(el('tr', {}, el('th', { title: 'id' }, ZH.property('id')), el('td', {}, node.id)));
    return el('table', { class: 'props' }, el('tbody', {}, rows));
  }

  function stepEvidence(steps) {
    const mentions = steps.flatMap((step) => (step.mentions || []).map((m) => ({ step, m })));
    if (!mentions.length) return null;
    return el('details', {}, el('summary', {}, `依据原文 (${mentions.length})`),
      mentions.map(({ step, m }) => el('div', {},
        el('div', { class: 'evidence-source' }, `${step.source.name} —${RELATIONS[step.type] || step.type}→ ${step.target.name}`),
        evidence(m))));
  }

  function ownershipItem(row, side) {
    const other = side === 'owner' ? row.owner : row.target;
    const first = (row.path && row.path[0]) || {};
    const items = [
      el('div', { class: 'owner-line' },
        labelBadge(other.label), nodeLink(other), basisBadge(row.basis),
        el('span', { class: 'confidence' }, `置信度 ${Number(row.confidence).toFixed(2)}`),
        row.via ? el('span', { class: 'owner-via' }, `经 ${row.via.name}`) : null),
    ];
    if (first.reason) {
      const basis = first.basis || row.basis;
      items.push(el('p', { class: `reason reason-${basis}`, title: first.reason },
        `${REASON_LABEL[basis] || '说明'}：${ZH.reason(first.reason)}`));
    }
    // the evidence of the ownership itself is shown open: it is what a researcher cites
    const own = (first.mentions || [])[0];
    if (own) items.push(evidence(own));
    items.push(stepEvidence(row.path || []));
    return el('li', {}, items);
  }

  function ladderList(ladder) {
    if (!ladder || !ladder.paths.length) return el('p', { class: 'none' }, '没有通往总目标的路径');
    return el('ol', { class: 'ladder' }, ladder.paths.map((path) => {
      const parts = [nodeLink(path.steps[0].source)];
      path.steps.forEach((step) => {
        parts.push(el('span', { class: 'rel', title: step.type }, RELATIONS[step.type] || step.type),
          basisBadge(step.basis === 'stated' ? null : step.basis),
          (step.shared_terms || []).length
            ? el('span', { class: 'shared-terms', title: step.reason ? ZH.reason(step.reason) : null },
              `共同词：${step.shared_terms.join('、')} · 置信度 ${Number(step.confidence).toFixed(2)}`)
            : null,
          '→ ', nodeLink(step.target));
      });
      return el('li', {}, parts, stepEvidence(path.steps));
    }));
  }

  /** Neighbours in document order where the graph knows where they are written, then as given. */
  function inDocumentOrder(neighbours) {
    const position = (n) => {
      const node = state.cy.getElementById(n.node.id);
      return node.nonempty() ? node.data('doc') : '~';
    };
    return neighbours.map((n, i) => [position(n), i, n]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
      .map(([, , n]) => n);
  }

  function neighboursList(neighbours) {
    if (!neighbours.length) return el('p', { class: 'none' }, '无');
    return el('ul', { class: 'neighbours' }, inDocumentOrder(neighbours).map((n) => el('li', {},
      el('span', { class: 'dir' }, n.direction === 'out' ? `${RELATIONS[n.type] || n.type} → ` : `← ${RELATIONS[n.type] || n.type} `),
      labelBadge(n.node.label), ' ', nodeLink(n.node),
      n.properties && n.properties.basis ? [' ', basisBadge(n.properties.basis)] : null)));
  }

  const STATUS_TEXT = {
    met: '已达成', on_track: '按进度', behind: '落后于进度', missed: '未达成',
    too_early: '仅一年数据，尚难判断', no_data: '无报告数据', not_assessed: '不作判断',
  };

  /** The reported figures of a target as a small chart (SVG), the target as a dashed line. */
  function progressChart(progress) {
    // The SVG namespace: a name, not an address (written in parts: the page loads no URL).
    const NS = ['http:', '', 'www.w3.org', '2000', 'svg'].join('/');
    const svg = (tag, attrs, text) => {
      const node = document.createElementNS(NS, tag);
      for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const points = progress.figures.map((f) => [f.year, f.comparable_value]);
    const target = progress.target_value;
    const years = [...points.map((p) => p[0]), progress.target_year].filter((y) => y != null);
    const values = [...points.map((p) => p[1]), target].filter((v) => v != null);
    const [W, H, L, R, T, B] = [300, 130, 46, 12, 10, 22];
    const y0 = Math.min(...years), y1 = Math.max(...years, y0 + 1);
    const lo = Math.min(...values), hi = Math.max(...values);
    const pad = (hi - lo) * 0.2 || Math.abs(hi) * 0.05 || 1;
    const top = hi + pad, bottom = lo - pad;
    const x = (year) => L + (W - L - R) * (year - y0) / (y1 - y0);
    const y = (value) => T + (H - T - B) * (1 - (value - bottom) / (top - bottom || 1));
    const chart = svg('svg', { id: 'progress-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' });
    chart.append(svg('title', {}, `${progress.indicator.name}: ${progress.figures.map((f) => `${f.year} ${f.value}${f.unit || ''}`).join('，')}`));
    chart.append(svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#888' }));
    chart.append(svg('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#888' }));
    for (const year of [...new Set(years)]) {
      chart.append(svg('text', { x: x(year), y: H - 6, 'text-anchor': 'middle', 'font-size': 10, fill: '#444' }, year));
    }
    if (target != null) {
      chart.append(svg('line', { x1: L, y1: y(target), x2: W - R, y2: y(target), stroke: '#C0392B', 'stroke-dasharray': '4 3' }));
      chart.append(svg('text', { x: L - 4, y: y(target) + 3, 'text-anchor': 'end', 'font-size': 9, fill: '#C0392B' }, '目标'));
    }
    if (points.length > 1) {
      chart.append(svg('polyline', { points: points.map((p) => `${x(p[0])},${y(p[1])}`).join(' '), fill: 'none', stroke: '#27AE60', 'stroke-width': 2 }));
    }
    for (const f of progress.figures) {
      chart.append(svg('circle', { class: 'figure', cx: x(f.year), cy: y(f.comparable_value), r: 4, fill: '#27AE60' }));
      chart.append(svg('text', { x: x(f.year), y: y(f.comparable_value) + 15, 'text-anchor': 'middle', 'font-size': 10, fill: '#1E8449' }, `${f.value}${f.unit || ''}`));
    }
    return chart;
  }

  function progressView(progress) {
    const share = progress.share != null ? `，完成 ${(progress.share * 100).toFixed(1)}%` : '';
    const holds = progress.holds != null ? (progress.holds ? '，未超上限' : '，超出上限') : '';
    const summary = el('p', { id: 'progress-status', class: `status-${progress.status}` },
      `${STATUS_TEXT[progress.status] || progress.status}${share}${holds}`);
    if (!progress.figures.length) return [summary];
    return [summary, progressChart(progress),
      el('ul', { class: 'mentions', id: 'progress-figures' }, progress.figures.map((f) => el('li', {},
        el('strong', {}, `${f.year}年 ${f.value}${f.unit || ''}`), ' ', basisBadge(f.basis), ' ', labelBadge('ReportedFigure'), ' ',
        nodeLink(f.figure), f.mentions.length ? evidence(f.mentions[0]) : null)))];
  }

  async function optional(promise) {
    try { return await promise; } catch (error) { return { error }; }
  }

  async function showPanel(id) {
    const ticket = ++state.request;
    const body = $('panel-body');
    $('panel-empty').hidden = true;
    body.hidden = false;
    body.replaceChildren(el('p', { class: 'none' }, '加载中…'));

    const detail = await api(`nodes/${enc(id)}`);
    const node = detail.node;
    const ownersUrl = OWNERS_URL[node.label] && `${OWNERS_URL[node.label]}/${enc(id)}/owners`;
    const targetsUrl = TARGETS_URL[node.label] && `${TARGETS_URL[node.label]}/${enc(id)}/targets`;
    const [owners, targets, ladder, progress] = await Promise.all([
      ownersUrl ? optional(api(ownersUrl)) : null,
      targetsUrl ? optional(api(targetsUrl)) : null,
      NOT_CLIMBING.includes(node.label) ? null : optional(api(`ladder/${enc(id)}`)),
      node.label === 'Indicator' ? optional(api(`indicators/${enc(id)}/progress`)) : null,
    ]);
    if (ticket !== state.request) return; // a later click won
    if (state.selected === id) {
      emphasise([id,
        ...pathIds(list(owners && !owners.error ? owners : [], 'owners')),
        ...pathIds(list(targets && !targets.error ? targets : [], 'targets')),
        ...pathIds(ladder && !ladder.error ? ladder.paths : [])]);
    }

    const content = [
      el('div', {}, labelBadge(node.label)),
      el('h2', { id: 'panel-title' }, node.name),
      el('div', { class: 'meta' }, el('a', { href: `nodes/${enc(id)}`, target: '_blank', rel: 'noopener' }, `nodes/${id}`)),
      section('属性', propertiesTable(node)),
    ];

    if (owners) {
      const rows = list(owners, 'owners');
      content.push(section('责任单位', owners.error ? el('p', { class: 'none' }, String(owners.error.message))
        : rows.length ? el('ul', { class: 'owners', id: 'owners' }, rows.map((r) => ownershipItem(r, 'owner')))
          : el('p', { class: 'none' }, '未找到责任单位')));
    } else if (!OWNER_LABELS.includes(node.label)) {
      const direct = detail.neighbours.filter((n) => n.type === 'RESPONSIBLE_FOR' && n.direction === 'in');
      if (direct.length) content.push(section('责任单位', neighboursList(direct)));
    }
    if (targets) {
      const rows = list(targets, 'targets');
      content.push(section('负责的目标', targets.error ? el('p', { class: 'none' }, String(targets.error.message))
        : rows.length ? el('ul', { class: 'owners' }, rows.map((r) => ownershipItem(r, 'target')))
          : el('p', { class: 'none' }, '无')));
    }
    if (progress) {
      content.push(section('进展', ...(progress.error ? [el('p', { class: 'none' }, String(progress.error.message))] : progressView(progress))));
    }
    if (ladder) {
      content.push(section('如何支撑总目标', ladder.error ? el('p', { class: 'none' }, String(ladder.error.message)) : ladderList(ladder)));
    }
    content.push(section(`原文出处 (${node.mentions.length})`,
      node.mentions.length ? el('ul', { class: 'mentions', id: 'mentions' }, node.mentions.map((m) => el('li', {}, evidence(m))))
        : el('p', { class: 'none' }, '无')));
    content.push(section('相邻节点', neighboursList(detail.neighbours)));
    body.replaceChildren(...content.flat());
    body.scrollTop = 0;
  }

  function showError(error) {
    setStatus(`出错：${error.message}`, true);
  }

  // ---------------------------------------------------------------------------------------
  // Search
  // ---------------------------------------------------------------------------------------
  let searchTimer = null;

  async function runSearch(q) {
    const results = $('search-results');
    if (!q.trim()) { results.hidden = true; return; }
    const hits = list(await api(`search?q=${enc(q.trim())}&limit=20`), 'items');
    if (q !== $('search-input').value) return; // typed on
    results.replaceChildren(...(hits.length ? hits.map((hit) => el('li', {},
      el('button', {
        type: 'button', class: 'hit', 'data-id': hit.node.id,
        onclick: () => { results.hidden = true; focusNode(hit.node.id).catch(showError); },
      }, labelBadge(hit.node.label), el('span', { class: 'hit-name' }, hit.node.name),
      el('span', { class: 'hit-score' }, (hit.matched || []).join(' '))))) : [el('li', { class: 'empty' }, '没有结果')]));
    results.hidden = false;
    writeHash();
  }

  // ---------------------------------------------------------------------------------------
  // Ownership matrix
  // ---------------------------------------------------------------------------------------
  async function loadMatrix() {
    const matrix = await api('ownership');
    const cells = new Map(matrix.cells.map((c) => [`${c.owner_id}\u0000${c.target_id}`, c]));
    const names = new Map([...matrix.owners, ...matrix.targets].map((n) => [n.id, n.name]));
    const head = el('tr', {}, el('th', {}, '责任单位 \\ 指标'),
      matrix.targets.map((t) => el('th', { title: t.name }, t.name)));
    const rows = matrix.owners.map((owner) => el('tr', {},
      el('th', {}, labelBadge(owner.label), ' ', owner.name),
      matrix.targets.map((target) => {
        const cell = cells.get(`${owner.id}\u0000${target.id}`);
        if (!cell) return el('td', {});
        const via = cell.via ? `，经 ${cell.via_name || names.get(cell.via) || cell.via}` : '';
        return el('td', { class: `basis-${cell.basis}`, title: `${owner.name} → ${target.name}：${BASIS[cell.basis] || cell.basis}${via}` },
          BASIS_SHORT[cell.basis] || cell.basis);
      })));
    $('matrix-table').replaceChildren(el('thead', {}, head), el('tbody', {}, rows));
    state.matrixLoaded = true;
  }

  function switchView(viewId) {
    document.querySelectorAll('.tab').forEach((tab) => {
      const active = tab.dataset.view === viewId;
      tab.classList.toggle('active', active);
      tab.setAttribute('aria-pressed', String(active));
    });
    document.querySelectorAll('.view').forEach((view) => { view.hidden = view.id !== viewId; });
    if (viewId === 'matrix-view' && !state.matrixLoaded) loadMatrix().catch(showError);
    if (viewId === 'graph-view' && state.cy) state.cy.resize();
    writeHash();
  }

  // ---------------------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------------------
  function start() {
    if (typeof cytoscape !== 'function') {
      setStatus('缺少 vendor/cytoscape.min.js：请运行 npm ci && npm run vendor', true);
      return;
    }
    const tooltip = el('div', { class: 'tooltip', hidden: true });
    document.body.append(tooltip);
    state.cy = cytoscape({
      container: $('cy'),
      style: graphStyle(),
      wheelSensitivity: 0.3,
      minZoom: 0.15,
      maxZoom: 3,
    });
    state.cy.on('zoom', keepNamesReadable);
    window.plankgExplorer = Object.freeze({ cy: () => state.cy }); // for the browser tests
    buildLegend();
    state.cy.on('tap', 'node', (event) => {
      highlight(event.target.id());
      showPanel(event.target.id()).catch(showError);
    });
    state.cy.on('tap', (event) => { if (event.target === state.cy) highlight(null); });
    state.cy.on('mouseover', 'node', (event) => {
      const node = event.target;
      tooltip.textContent = `${(LABELS[node.data('label')] || {}).zh || ''}：${node.data('name')}`;
      const box = $('cy').getBoundingClientRect();
      const p = node.renderedPosition();
      Object.assign(tooltip.style, { left: `${box.left + p.x + 12}px`, top: `${box.top + p.y - 28}px` });
      tooltip.hidden = false;
    });
    state.cy.on('mouseout', 'node', () => { tooltip.hidden = true; });

    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(searchTimer);
      runSearch($('search-input').value).catch(showError);
    });
    $('search-input').addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => runSearch($('search-input').value).catch(showError), 250);
    });
    document.addEventListener('click', (event) => {
      if (!$('search-form').contains(event.target)) $('search-results').hidden = true;
    });
    $('positioning-filter').addEventListener('change', applyFilters);
    $('show-inferred').addEventListener('change', applyFilters);
    $('goal-filter').addEventListener('change', () => {
      state.goalId = $('goal-filter').value;
      $('positioning-filter').value = '';
      loadOverview().then(() => highlight(null)).catch(showError);
    });
    $('reset-view').addEventListener('click', () => {
      document.querySelectorAll('#label-filters input').forEach((i) => { i.checked = true; });
      $('show-inferred').checked = true;
      $('positioning-filter').value = '';
      loadOverview().then(() => highlight(null)).catch(showError);
    });
    document.querySelectorAll('.tab').forEach((tab) => tab.addEventListener('click', () => switchView(tab.dataset.view)));

    state.goalId = readHash().get('goal');
    loadOverview().then(restoreFromHash).catch((error) => { state.restoring = false; showError(error); });
  }

  /** Every label at MIN_SCREEN_FONT px or more on screen (ALWAYS_NAMED at MIN_NAME_FONT, their
   * width grown alike) whatever the zoom: zoomed out, labels are shortened, never unreadable. */
  function keepNamesReadable() {
    const cy = state.cy;
    const zoom = cy.zoom();
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const meta = LABELS[node.data('label')] || { font: 10 };
        const named = ALWAYS_NAMED.includes(node.data('label'));
        const size = Math.max(meta.font, (named ? MIN_NAME_FONT : MIN_SCREEN_FONT) / zoom);
        node.data({ fs: size, tw: named ? 150 * (size / meta.font) : 104 });
      });
    });
  }

  /** The legend: node colours, edge colours and styles, and the basis badges, from the tables above. */
  function buildLegend() {
    const line = (color, dashed) => el('span', {
      class: 'legend-line', style: { borderTopColor: color, borderTopStyle: dashed ? 'dashed' : 'solid' },
    });
    const nodes = Object.values(LABELS).map((meta) => el('li', {},
      el('span', { class: 'swatch', style: { background: meta.color } }), meta.zh));
    const edges = [
      ...Object.entries(EDGE_COLORS).map(([type, color]) => el('li', {}, line(color, false), RELATIONS[type])),
      el('li', {}, line(EDGE_DEFAULT_COLOR, false), '其他关系'),
      el('li', {}, line('#7b8794', true), '虚线：推断的关系'),
    ];
    const badges = Object.entries(BASIS).map(([basis, zh]) => el('li', {},
      el('span', { class: `basis basis-${basis}` }, zh), ` 矩阵中记作“${BASIS_SHORT[basis]}”`));
    $('legend').append(
      el('summary', {}, '图例'),
      el('div', { class: 'legend-body' },
        el('h4', {}, '节点'), el('ul', {}, nodes),
        el('h4', {}, '关系'), el('ul', {}, edges),
        el('h4', {}, '依据'), el('ul', { class: 'wide' }, badges)));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
