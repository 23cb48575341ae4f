// pxrcad viewer: uploads one radiograph to the service's API (same origin), shows the result and
// draws the stage-1 map and the ROI box over the radiograph. Plain script, no build step, no library.
'use strict';
(() => {
  const API = '/api/v1';
  const HISTORY_KEY = 'pxrcad.viewer.history';
  const HISTORY_MAX = 50;
  const TOKEN_KEY = 'pxrcad.viewer.token';
  const $ = (id) => document.getElementById(id);
  const el = {
    file: $('file'), drop: $('drop'), status: $('status'), error: $('error'),
    history: $('history'), historyEmpty: $('history-empty'),
    scope: $('scope'), scopeReasons: $('scope-reasons'),
    view: $('view'), result: $('result'), placeholder: $('placeholder'), noResult: $('no-result'), facts: $('facts'),
    probability: $('probability'), band: $('band'), type: $('type'), stages: $('stages'),
    imageName: $('image-name'), roi: $('roi'), model: $('model'),
    controls: $('controls'), showHeatmap: $('show-heatmap'), opacity: $('opacity'), opacityValue: $('opacity-value'),
    showRoi: $('show-roi'), stage: $('stage'), frame: $('frame'), img: $('radiograph'), canvas: $('overlay'),
    service: $('service'),
  };
  // what is on screen: the prediction, its radiograph and its map coloured at the map's own size
  let shown = null;
  let generation = 0;
  let history = loadHistory();

  // ---- upload ----------------------------------------------------------------------------------

  /** The body's media type: the browser's, except that DICOM (often typeless) is left for the service to sniff. */
  function contentType(file) {
    if (/\.(dcm|dicom)$/i.test(file.name) || !file.type) return 'application/octet-stream';
    return file.type;
  }

  async function upload(file) {
    const init = { method: 'POST', headers: { 'Content-Type': contentType(file) }, body: file };
    const body = await call(`${API}/predictions`, init, `Scoring ${file.name}…`, `${file.name} was not scored`);
    if (!body) return;
    const entry = { id: body.id, name: file.name, time: new Date().toISOString(),
                    probability: body.detection.probability, band: body.detection.band };
    history = [entry, ...history.filter((h) => h.id !== entry.id)].slice(0, HISTORY_MAX);
    saveHistory();
    await display(body, file.name);
  }

  /** Shows an earlier result again, as the service still keeps it. */
  async function reopen(entry) {
    const body = await call(`${API}/predictions/${encodeURIComponent(entry.id)}`, {}, `Loading ${entry.name}…`,
        `${entry.name} cannot be shown again`);
    if (body) await display(body, entry.name);
  }

  /** One request to the API: its JSON answer, or null once the failure is shown (saying `what` failed). */
  async function call(url, init, doing, what) {
    clearError();
    busy(doing);
    let res;
    try {
      res = await authorisedFetch(url, init);
    } catch (e) {
      idle('');
      showError('Cannot reach the service: is it still running?', String(e.message || e));
      return null;
    }
    const body = await readJson(res);
    if (!res.ok || !body) {
      idle('');
      showApiError(res, body, what);
      return null;
    }
    return body;
  }

  async function readJson(res) {
    try {
      return await res.json();
    } catch (e) {
      return null;
    }
  }

  // ---- result ----------------------------------------------------------------------------------

  async function display(prediction, name) {
    const mine = ++generation;
    let image, heat;
    try {
      [image, heat] = await Promise.all([loadImage(prediction.links.image), loadImage(prediction.links.heatmap)]);
    } catch (e) {
      if (mine !== generation) return;
      idle('');
      showError(`The pictures of ${name} could not be loaded.`, String(e.message || e));
      return;
    }
    if (mine !== generation) return; // a later upload or click has taken over
    shown = { prediction, name, image, heat: colourMap(heat) };
    el.img.src = image.src;
    describe(prediction, name);
    el.controls.hidden = false;
    el.stage.hidden = false;
    render();
    renderHistory();
    el.result.dataset.id = prediction.id;
    idle(`Showing ${name}.`);
  }

  /** An image of the API, fetched with the token when the service asks for one (an img element cannot send it). */
  async function loadImage(url) {
    const res = await authorisedFetch(url, {});
    if (!res.ok) throw new Error(`cannot load ${url} (HTTP ${res.status})`);
    const blobUrl = URL.createObjectURL(await res.blob());
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error(`cannot load ${url}`));
      img.src = blobUrl;
    });
  }

  // ---- token (serve --token-file) ----------------------------------------------------------------

  /**
   * fetch with the bearer token of this tab's session, if any; on 401 asks for the token once and
   * tries again. The token is kept in sessionStorage: it goes when the tab closes.
   */
  async function authorisedFetch(url, init) {
    const attempt = () => {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const headers = Object.assign({}, init.headers || {});
      if (token) headers.Authorization = `Bearer ${token}`;
      return fetch(url, Object.assign({}, init, { headers }));
    };
    let res = await attempt();
    if (res.status === 401) {
      const given = window.prompt('This service needs its access token (the file given to --token-file):');
      if (given && given.trim()) {
        sessionStorage.setItem(TOKEN_KEY, given.trim());
        res = await attempt();
      }
    }
    return res;
  }

  function describe(p, name) {
    const d = p.detection;
    el.placeholder.hidden = true;
    el.noResult.hidden = true;
    el.facts.hidden = false;
    el.probability.textContent = d.probability.toFixed(3);
    el.probability.dataset.value = String(d.probability);
    el.band.textContent = d.band;
    el.band.className = `band ${d.band}`;
    el.type.textContent = d.type ? `${d.type} (p ${d.typeProbability.toFixed(2)})` : '—';
    el.stages.textContent = `${d.stage1.toFixed(3)} / ${d.stage2.toFixed(3)}`;
    el.imageName.textContent = `${name}, ${d.width} × ${d.height} px`;
    el.roi.textContent = `x ${d.roi.x0}–${d.roi.x1}, y ${d.roi.y0}–${d.roi.y1}`;
    el.model.textContent = `${p.model.id} ${p.model.version}`;
    el.scope.hidden = d.inScope;
    el.scopeReasons.replaceChildren(...d.scopeReasons.map((r) => item(r)));
    el.canvas.setAttribute('aria-label', `${name}: heatmap and ${roiStyle(d.band)} ROI box; fracture probability `
        + `${d.probability.toFixed(3)}, band ${d.band}`);
  }

  function item(text) {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }

  /** The box's line: solid for a fracture, dashed when suspicious, dotted where there is no finding. */
  function roiStyle(band) {
    return band === 'fracture' ? 'solid' : band === 'suspicious' ? 'dashed' : 'dotted';
  }

  // ---- drawing ---------------------------------------------------------------------------------

  /** The map (a grayscale PNG, p = value / max) as a small canvas of colours, transparent where p is low. */
  function colourMap(img) {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d', { willReadFrequently: true });
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height);
    for (let i = 0; i < px.data.length; i += 4) {
      const [r, gg, b, a] = colour(px.data[i] / 255);
      px.data[i] = r; px.data[i + 1] = gg; px.data[i + 2] = b; px.data[i + 3] = a;
    }
    g.putImageData(px, 0, 0);
    return c;
  }

  /** Blue (0) to cyan, yellow and red (1), as the service's overlay.png; opacity grows with p. */
  function colour(p) {
    const t = Math.min(1, Math.max(0, p));
    const r = Math.min(1, Math.max(0, 2 * t - 0.5) * 1.5);
    const g = Math.min(1, t < 0.5 ? 2 * t : 2 * (1 - t) + 0.3);
    const b = Math.max(0, 1 - 2 * t);
    const s = Math.min(1, Math.max(0, (t - 0.15) / 0.75));
    return [255 * r, 255 * g, 255 * b, 255 * s * s * (3 - 2 * s)];
  }

  /** Fits the radiograph to the space left (width of the column, height of the window) and draws over it. */
  function render() {
    if (!shown) return;
    const d = shown.prediction.detection;
    const nw = shown.image.naturalWidth, nh = shown.image.naturalHeight;
    const top = el.frame.getBoundingClientRect().top + window.scrollY;
    const maxW = Math.max(200, el.view.clientWidth - 2);
    const maxH = Math.max(320, window.innerHeight - top - 26);
    const scale = Math.min(maxW / nw, maxH / nh);
    const w = Math.round(nw * scale), h = Math.round(nh * scale);
    el.img.style.width = `${w}px`;
    el.img.style.height = `${h}px`;
    const dpr = window.devicePixelRatio || 1;
    el.canvas.width = Math.round(w * dpr);
    el.canvas.height = Math.round(h * dpr);
    el.canvas.style.width = `${w}px`;
    el.canvas.style.height = `${h}px`;
    const g = el.canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    el.opacityValue.textContent = `${el.opacity.value}%`;
    if (el.showHeatmap.checked) {
      // the map covers the whole image (the model's input is the image resized to a square); bilinear between cell centres
      g.imageSmoothingEnabled = true;
      g.imageSmoothingQuality = 'high';
      g.globalAlpha = el.opacity.value / 100;
      g.drawImage(shown.heat, 0, 0, w, h);
      g.globalAlpha = 1;
    }
    const style = roiStyle(d.band);
    el.canvas.dataset.roi = el.showRoi.checked ? style : 'hidden';
    if (el.showRoi.checked) drawBox(g, d, w / d.width, h / d.height, style);
  }

  function drawBox(g, d, sx, sy, style) {
    const x = d.roi.x0 * sx, y = d.roi.y0 * sy, bw = (d.roi.x1 - d.roi.x0) * sx, bh = (d.roi.y1 - d.roi.y0) * sy;
    const width = style === 'dotted' ? 2 : 3;
    const dash = style === 'solid' ? [] : style === 'dashed' ? [10, 6] : [2, 5];
    // a dark line under the coloured one keeps the box visible over bright bone and over the red of the map
    g.lineJoin = 'miter';
    g.setLineDash(dash);
    g.strokeStyle = 'rgba(0, 0, 0, 0.85)';
    g.lineWidth = width + 2;
    g.strokeRect(x, y, bw, bh);
    g.strokeStyle = style === 'dotted' ? '#ffffff' : '#ffe600';
    g.lineWidth = width;
    g.strokeRect(x, y, bw, bh);
    g.setLineDash([]);
  }

  // ---- history ---------------------------------------------------------------------------------

  function loadHistory() {
    try {
      const h = JSON.parse(sessionStorage.getItem(HISTORY_KEY) || '[]');
      return Array.isArray(h) ? h : [];
    } catch (e) {
      return [];
    }
  }

  function saveHistory() {
    try {
      sessionStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch (e) {
      // storage full or refused: the list still lives in this page
    }
  }

  function renderHistory() {
    el.historyEmpty.hidden = history.length > 0;
    el.history.replaceChildren(...history.map((h) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.id = h.id;
      b.setAttribute('aria-current', String(shown !== null && shown.prediction.id === h.id));
      const name = span('name', h.name);
      const p = span('p', h.probability.toFixed(3));
      const when = span('when', new Date(h.time).toLocaleTimeString());
      const band = span(`band-text ${h.band}`, h.band);
      b.append(name, p, when, band);
      b.setAttribute('aria-label', `${h.name}, probability ${h.probability.toFixed(3)}, ${h.band}, scored at ${when.textContent}`);
      b.addEventListener('click', () => reopen(h));
      const li = document.createElement('li');
      li.append(b);
      return li;
    }));
  }

  function span(cls, text) {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }

  // ---- status and errors -----------------------------------------------------------------------

  function busy(text) {
    el.status.textContent = text;
    el.status.classList.add('busy');
    el.result.setAttribute('aria-busy', 'true');
  }

  function idle(text) {
    el.status.textContent = text;
    el.status.classList.remove('busy');
    el.result.removeAttribute('aria-busy');
  }

  /** The API's {"error":{"code","type","message"}} as a sentence, its status and type below it. */
  function showApiError(res, body, what) {
    const e = body && body.error;
    if (e && e.message) showError(`${what}: ${e.message}`, `HTTP ${e.code || res.status}, ${e.type || 'error'}`);
    else showError(`${what}: the service answered HTTP ${res.status}.`, '');
  }

  function showError(message, detail) {
    const p = document.createElement('p');
    p.textContent = message;
    const parts = [p];
    if (detail) parts.push(Object.assign(document.createElement('p'), { className: 'code', textContent: detail }));
    el.error.replaceChildren(...parts);
    el.error.hidden = false;
  }

  function clearError() {
    el.error.hidden = true;
    el.error.replaceChildren();
  }

  /** Says which model answers, and waits (politely) while it is still loading. */
  async function watchService() {
    try {
      const res = await fetch(`${API}/ready`);
      const body = await readJson(res);
      if (res.ok && body && body.model) {
        el.service.textContent = `Model ${body.model.id} ${body.model.version} ready`;
        return;
      }
      el.service.textContent = body && body.error ? body.error.message : `Service answered HTTP ${res.status}`;
      if (!(body && body.error && body.error.type === 'model_unavailable')) setTimeout(watchService, 2000);
    } catch (e) {
      el.service.textContent = 'The service cannot be reached.';
      setTimeout(watchService, 5000);
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------

  el.file.addEventListener('change', () => {
    const f = el.file.files[0];
    // emptied, so that choosing the same file again (after an error, say) is a change too
    el.file.value = '';
    if (f) upload(f);
  });
  for (const type of ['dragenter', 'dragover']) {
    el.drop.addEventListener(type, (e) => { e.preventDefault(); el.drop.classList.add('over'); });
  }
  for (const type of ['dragleave', 'drop']) {
    el.drop.addEventListener(type, (e) => { e.preventDefault(); el.drop.classList.remove('over'); });
  }
  el.drop.addEventListener('drop', (e) => {
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) upload(f);
  });
  // a file dropped beside the box would otherwise make the browser leave the page to open it
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  for (const input of [el.showHeatmap, el.opacity, el.showRoi]) input.addEventListener('input', render);
  window.addEventListener('resize', render);
  renderHistory();
  watchService();
})();
