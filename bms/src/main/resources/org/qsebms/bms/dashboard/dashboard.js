/* qse-bms dashboard: reads /events (server-sent events) and draws with uPlot. Read-only. */
(function () {
  'use strict';

  const COLORS = ['#1f5fbf', '#c62828', '#1a7f37', '#8e44ad', '#b35c00', '#00838f', '#6d4c41', '#ad1457'];
  const LIMIT_COLORS = { MOL: '#1f5fbf', RSL: '#b35c00', MSL: '#c62828' };
  const $ = (id) => document.getElementById(id);

  let meta = null;
  let data = null;          // columns of the time charts
  let charts = {};
  let lastStateAt = 0;
  let lastCells = null;
  let redrawPending = false;

  function fmt(v, digits, unit) {
    if (v === null || v === undefined || !isFinite(v)) { return '\u2013'; }
    return v.toFixed(digits) + (unit ? '\u202f' + unit : '');
  }

  function setText(id, text) {
    const el = $(id);
    if (el.textContent !== text) { el.textContent = text; }
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour12: false });
  }

  function chartWidth(el) {
    return Math.max(300, el.clientWidth || el.parentElement.clientWidth - 28);
  }

  function timeChart(id, series, yLabel, extra) {
    const el = $(id);
    const opts = Object.assign({
      width: chartWidth(el),
      height: 220,
      cursor: { drag: { x: false, y: false } },
      legend: { live: false },
      scales: { x: { time: true } },
      series: [{ label: 'time', value: (u, v) => v == null ? '\u2013' : clock(v * 1000) }].concat(series),
      axes: [{ stroke: '#5b6675', grid: { stroke: '#eef1f4' } },
             { stroke: '#5b6675', grid: { stroke: '#eef1f4' }, label: yLabel, size: 60 }]
    }, extra || {});
    const empty = [[]].concat(series.map(() => []));
    return new uPlot(opts, empty, el);
  }

  function line(label, color, digits, unit, extra) {
    return Object.assign({
      label: label, stroke: color, width: 2, spanGaps: false,
      value: (u, v) => fmt(v, digits, unit)
    }, extra || {});
  }

  /* The MOL/RSL/MSL lines across the cell chart, each named in the right-hand margin. */
  function limitLines(u) {
    if (!meta) { return; }
    const ctx = u.ctx;
    const px = devicePixelRatio;
    const levels = [['MSL', meta.cellOverVolts.msl], ['RSL', meta.cellOverVolts.rsl], ['MOL', meta.cellOverVolts.mol],
      ['MOL', meta.cellUnderVolts.mol], ['RSL', meta.cellUnderVolts.rsl], ['MSL', meta.cellUnderVolts.msl]];
    ctx.save();
    ctx.lineWidth = 1.5 * px;
    ctx.font = (11 * px) + 'px sans-serif';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    let lastLabelY = -Infinity;
    for (const [name, volts] of levels) {
      const y = Math.round(u.valToPos(volts, 'y', true));
      ctx.strokeStyle = LIMIT_COLORS[name];
      ctx.setLineDash([6 * px, 4 * px]);
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
      const labelY = Math.max(y, lastLabelY + 13 * px);
      lastLabelY = labelY;
      ctx.fillStyle = LIMIT_COLORS[name];
      ctx.fillText(name + ' ' + volts.toFixed(2) + ' V', u.bbox.left + u.bbox.width + 6 * px, labelY);
    }
    ctx.restore();
  }

  /* Every cell up to 16 cells; beyond, about 16 evenly spaced cell numbers starting at 1. */
  function cellTicks() {
    const step = Math.ceil(meta.cells / 16);
    const ticks = [];
    for (let c = 1; c <= meta.cells; c += step) { ticks.push(c); }
    return ticks;
  }

  function buildCharts() {
    for (const c of Object.values(charts)) { c.destroy(); }
    charts = {};
    const cellsEl = $('cellsChart');
    const lo = meta.cellUnderVolts.msl - 0.1;
    const hi = meta.cellOverVolts.msl + 0.1;
    charts.cells = new uPlot({
      width: chartWidth(cellsEl),
      height: 280,
      cursor: { drag: { x: false, y: false } },
      legend: { live: false },
      padding: [12, 90, 0, 0],
      scales: { x: { time: false, range: [0.4, meta.cells + 0.6] }, y: { range: [lo, hi] } },
      series: [
        { label: 'cell', value: (u, v) => v == null ? '\u2013' : 'cell ' + v },
        { label: 'cell voltage', stroke: '#1f5fbf', fill: 'rgba(31, 95, 191, 0.55)', width: 1,
          paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false },
          fillTo: (u) => u.scales.y.min, value: (u, v) => fmt(v, 4, 'V') }
      ],
      axes: [
        { stroke: '#5b6675', grid: { show: false }, splits: () => cellTicks(),
          values: (u, splits) => splits.map((s) => meta.cells <= 8 ? 'cell ' + s : String(s)),
          label: 'cell' },
        { stroke: '#5b6675', grid: { stroke: '#eef1f4' }, label: 'V', size: 60,
          values: (u, splits) => splits.map((s) => s.toFixed(2)) }
      ],
      hooks: { draw: [limitLines] }
    }, [Array.from({ length: meta.cells }, (_, i) => i + 1), new Array(meta.cells).fill(null)], cellsEl);

    charts.soc = timeChart('socChart', [
      line('SOC', '#1f5fbf', 1, '%'),
      line('+3\u03c3', 'rgba(31, 95, 191, 0.35)', 1, '%', { width: 1 }),
      line('\u22123\u03c3', 'rgba(31, 95, 191, 0.35)', 1, '%', { width: 1 })
    ], '%', { bands: [{ series: [2, 3], fill: 'rgba(31, 95, 191, 0.15)' }],
      scales: { x: { time: true }, y: { range: [0, 100] } } });
    charts.amps = timeChart('ampsChart', [line('pack current', '#b35c00', 3, 'A')], 'A');
    charts.volts = timeChart('voltsChart', [line('pack voltage', '#1a7f37', 3, 'V')], 'V');
    const tSeries = [];
    for (let c = 0; c < meta.temperatureChannels; c++) {
      tSeries.push(line('T' + (c + 1), COLORS[c % COLORS.length], 1, '\u00b0C'));
    }
    charts.celsius = timeChart('celsiusChart', tSeries, '\u00b0C');
    charts.r0 = timeChart('r0Chart', [line('R0, highest cell (left axis)', '#8e44ad', 3, 'm\u03a9'),
      line('SEI part (right axis)', '#00838f', 4, 'm\u03a9', { scale: 'sei' })], 'R0 m\u03a9', {
      scales: { x: { time: true }, sei: { auto: true } },
      axes: [{ stroke: '#5b6675', grid: { stroke: '#eef1f4' } },
             { stroke: '#8e44ad', grid: { stroke: '#eef1f4' }, label: 'R0 m\u03a9', size: 60 },
             { scale: 'sei', side: 1, stroke: '#00838f', grid: { show: false }, label: 'SEI m\u03a9', size: 70 }]
    });
  }

  function resetData() {
    data = { t: [], soc: [], hi: [], lo: [], amps: [], volts: [], celsius: [], r0: [], sei: [] };
    for (let c = 0; c < meta.temperatureChannels; c++) { data.celsius.push([]); }
  }

  const pct = (v) => v == null ? null : v * 100;
  const milli = (v) => v == null ? null : v * 1000;

  function addPoints(p) {
    for (let i = 0; i < p.t.length; i++) {
      const soc = p.soc[i];
      const bound = p.socBound3Sigma[i];
      data.t.push(p.t[i]);
      data.soc.push(pct(soc));
      data.hi.push(soc == null || bound == null ? null : Math.min(100, (soc + bound) * 100));
      data.lo.push(soc == null || bound == null ? null : Math.max(0, (soc - bound) * 100));
      data.amps.push(p.packAmps[i]);
      data.volts.push(p.packVolts[i]);
      for (let c = 0; c < data.celsius.length; c++) { data.celsius[c].push(p.celsius[c][i]); }
      data.r0.push(milli(p.maxCellR0Ohm[i]));
      data.sei.push(milli(p.seiOhm[i]));
    }
    const newest = data.t.length ? data.t[data.t.length - 1] : 0;
    let drop = 0;
    while (drop < data.t.length && data.t[drop] < newest - meta.historySeconds) { drop++; }
    if (drop > 0) {
      for (const k of ['t', 'soc', 'hi', 'lo', 'amps', 'volts', 'r0', 'sei']) { data[k].splice(0, drop); }
      for (const col of data.celsius) { col.splice(0, drop); }
    }
    scheduleRedraw();
  }

  function scheduleRedraw() {
    if (redrawPending) { return; }
    redrawPending = true;
    requestAnimationFrame(() => {
      redrawPending = false;
      charts.soc.setData([data.t, data.soc, data.hi, data.lo]);
      charts.amps.setData([data.t, data.amps]);
      charts.volts.setData([data.t, data.volts]);
      charts.celsius.setData([data.t].concat(data.celsius));
      charts.r0.setData([data.t, data.r0, data.sei]);
      if (lastCells) {
        charts.cells.setData([Array.from({ length: lastCells.length }, (_, i) => i + 1), lastCells]);
      }
    });
  }

  function showMeta(m) {
    meta = m;
    setText('pack', m.packId);
    setText('packInfo', m.cells + ' \u00d7 ' + m.chemistry + ' \u00b7 ' + m.capacityAh + ' Ah \u00b7 qse-bms '
      + m.version + ' \u00b7 charts keep the last ' + Math.round(m.historySeconds / 60) + ' min');
    resetData();
    buildCharts();
  }

  function contactor(id, closed) {
    const li = $(id);
    li.dataset.closed = String(closed);
    li.querySelector('b').textContent = closed ? 'closed' : 'open';
  }

  function showState(s) {
    lastStateAt = Date.now();
    if (!s.haveSample) { return; }
    $('stateCard').dataset.state = s.state;
    setText('state', s.state + (s.tripped ? ' (tripped)' : ''));
    const lastChange = s.events.filter((e) => e.text.indexOf(' \u2192 ') > 0).pop();
    setText('stateReason', lastChange ? 'since ' + clock(lastChange.epochMillis) : '\u00a0');
    contactor('ctNeg', s.contactors.mainNegative);
    contactor('ctPre', s.contactors.precharge);
    contactor('ctPos', s.contactors.mainPositive);
    setText('soc', fmt(pct(s.soc), 1, '%'));
    setText('socBound', s.socBound3Sigma == null ? 'no bound' : '\u00b1 ' + fmt(pct(s.socBound3Sigma), 1, '%')
      + ' (3\u03c3)');
    setText('packVolts', fmt(s.packVolts, 2, 'V'));
    const amps = s.packAmps;
    setText('packAmps', fmt(amps, 2, 'A') + (amps == null ? '' : Math.abs(amps) < 0.05 ? ' at rest'
      : amps > 0 ? ' charging' : ' discharging'));
    setText('maxCelsius', fmt(s.maxCelsius, 1, '\u00b0C'));
    setText('minCelsius', 'coolest ' + fmt(s.minCelsius, 1, '\u00b0C'));
    setText('chargeLimit', 'charge ' + fmt(s.chargeLimitAmps, 1, 'A'));
    setText('dischargeLimit', 'discharge ' + fmt(s.dischargeLimitAmps, 1, 'A'));
    lastCells = s.cellVolts;
    const bal = [];
    s.balancing.forEach((on, i) => { if (on) { bal.push(i + 1); } });
    setText('balancing', s.balancingEnabled === false ? 'Balancing is off (configuration or the balancing command).'
      : bal.length ? 'Balancing: cell ' + bal.join(', ') + '.' : 'No cell is balancing.');
    showAlarms(s.alarms);
    showHealth(s.health);
    showEvents(s.events);
    setText('connection', 'live \u00b7 ' + clock(s.epochMillis));
    $('connection').dataset.live = 'true';
    scheduleRedraw();
  }

  function showAlarms(alarms) {
    const table = $('alarms');
    const body = table.querySelector('tbody');
    body.replaceChildren();
    for (const a of alarms) {
      const tr = document.createElement('tr');
      const level = document.createElement('td');
      const badge = document.createElement('span');
      badge.className = 'level ' + a.level;
      badge.textContent = a.level;
      level.appendChild(badge);
      tr.appendChild(level);
      for (const text of [a.id + ' [' + a.code + ']', a.reason, clock(a.sinceMillis),
        a.latched ? (a.conditionCleared ? 'yes: condition gone, needs a reset' : 'yes, until a reset') : 'no']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    table.hidden = alarms.length === 0;
    $('noAlarms').hidden = alarms.length > 0;
    $('alarmsPanel').dataset.active = String(alarms.length > 0);
    setText('alarmCount', String(alarms.length));
  }

  function showHealth(h) {
    if (!h.known) {
      setText('capacity', 'not tracked');
      return;
    }
    setText('capacity', fmt(h.capacityAh, 3, 'Ah') + (h.capacitySigmaAh == null ? '' : ' \u00b1 '
      + fmt(h.capacitySigmaAh, 3)));
    setText('capacityNote', h.capacitySource === 'estimated' ? 'estimated from rests' : 'nominal (no estimate yet)');
    setText('soh', fmt(pct(h.soh), 1, '%'));
    setText('lithium', fmt(pct(h.lithiumInventoryFraction), 1, '%'));
    setText('lithiumNote', h.cyclesToLithiumDepletion == null ? 'excess lithium left, 100\u00a0% = new'
      : 'depleted in ' + fmt(h.cyclesToLithiumDepletion, 0) + ' cycles');
    setText('rul', h.rulCycles == null ? 'no end in sight yet' : fmt(h.rulCycles, 0) + ' cycles');
    setText('rulRange', h.rulEarlyCycles == null || h.rulLateCycles == null ? '\u00a0'
      : 'likely ' + fmt(h.rulEarlyCycles, 0) + '\u2013' + fmt(h.rulLateCycles, 0) + ' cycles (1\u03c3)');
    setText('sei', fmt(milli(h.seiOhm), 2, 'm\u03a9'));
    const trend = h.seiTrendOhmPerDay == null ? '' : ', ' + fmt(h.seiTrendOhmPerDay * 1e6, 2, '\u00b5\u03a9/day');
    setText('seiState', h.seiState === 'unknown' ? 'trend known after 3 closed cycles'
      : h.seiState + trend);
    setText('efc', fmt(h.equivalentFullCycles, 2));
    setText('usable', h.usableCapacityAh == null ? (h.usableCapacityNote || 'usable capacity: no full discharge yet')
      : 'usable ' + fmt(h.usableCapacityAh, 3, 'Ah') + ' (' + fmt(pct(h.usableSoh), 1, '%') + ')');
  }

  function showEvents(events) {
    const ul = $('events');
    ul.replaceChildren();
    if (events.length === 0) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = 'None yet.';
      ul.appendChild(li);
      return;
    }
    for (const e of events.slice().reverse()) {
      const li = document.createElement('li');
      const time = document.createElement('time');
      time.textContent = clock(e.epochMillis);
      li.appendChild(time);
      li.appendChild(document.createTextNode(e.text));
      ul.appendChild(li);
    }
  }

  function connect() {
    const source = new EventSource('events');
    source.addEventListener('meta', (e) => showMeta(JSON.parse(e.data)));
    source.addEventListener('points', (e) => { if (meta) { addPoints(JSON.parse(e.data)); } });
    source.addEventListener('state', (e) => { if (meta) { showState(JSON.parse(e.data)); } });
    source.onerror = () => {
      $('connection').dataset.live = 'false';
      setText('connection', 'connection lost \u00b7 retrying');
    };
  }

  setInterval(() => {
    const staleMillis = meta ? Math.max(5000, 3000 * meta.sampleIntervalSeconds) : 5000;
    if (meta && lastStateAt && Date.now() - lastStateAt > staleMillis && $('connection').dataset.live === 'true') {
      $('connection').dataset.live = 'false';
      setText('connection', 'no update for ' + Math.round((Date.now() - lastStateAt) / 1000) + ' s');
    }
  }, 1000);

  window.addEventListener('resize', () => {
    for (const [name, c] of Object.entries(charts)) {
      const el = $(name + 'Chart');
      c.setSize({ width: chartWidth(el), height: c.height });
    }
  });

  connect();
}());
