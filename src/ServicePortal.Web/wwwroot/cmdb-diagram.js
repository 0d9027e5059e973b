// Pan, zoom, fit and SVG export for the CMDB graph (Features/Cmdb/CmdbDiagram.razor). Imported as an ES module, so the
// CSP's script-src 'self' holds: no inline script, no eval. Everything works on the SVG's viewBox; the server renders
// the whole diagram once and is not called while the user pans or zooms.

const MIN_SCALE = 0.15;
const MAX_SCALE = 4;

export function attach(svg, width, height, focusY) {
    if (!svg) {
        return;
    }

    if (svg._graph) {
        // The same element, redrawn for another neighbourhood.
        svg._graph.width = width;
        svg._graph.height = height;
        svg._graph.focusY = focusY;
        fit(svg);
        return;
    }

    const state = { svg, width, height, focusY, x: 0, y: 0, w: width, h: height, dragging: null, moved: false, frame: 0 };
    svg._graph = state;

    svg.addEventListener("wheel", e => {
        e.preventDefault();
        const factor = Math.exp(-e.deltaY * 0.0015);
        zoomAt(state, factor, pointOf(state, e.clientX, e.clientY));
    }, { passive: false });

    svg.addEventListener("pointerdown", e => {
        if (e.button !== 0 || e.target.closest(".more")) {
            return;
        }

        state.dragging = { x: e.clientX, y: e.clientY, vx: state.x, vy: state.y };
        state.moved = false;
    });

    svg.addEventListener("pointermove", e => {
        const drag = state.dragging;
        if (!drag) {
            return;
        }

        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (!state.moved && Math.hypot(dx, dy) < 4) {
            return;
        }

        if (!state.moved) {
            state.moved = true;
            svg.setPointerCapture(e.pointerId);
            svg.classList.add("panning");
        }

        const scale = unitsPerPixel(state);
        state.x = drag.vx - dx * scale;
        state.y = drag.vy - dy * scale;
        apply(state);
    });

    const end = () => {
        state.dragging = null;
        svg.classList.remove("panning");
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);

    // A drag that moved is a pan, not a click on the node under the pointer.
    svg.addEventListener("click", e => {
        if (state.moved) {
            e.stopPropagation();
            e.preventDefault();
            state.moved = false;
        }
    }, true);

    svg.addEventListener("keydown", e => {
        if (e.target !== svg) {
            return;
        }

        const step = 40 * unitsPerPixel(state);
        const keys = {
            "+": () => zoom(svg, 1.25), "=": () => zoom(svg, 1.25), "-": () => zoom(svg, 0.8), "0": () => fit(svg),
            ArrowLeft: () => pan(state, -step, 0), ArrowRight: () => pan(state, step, 0),
            ArrowUp: () => pan(state, 0, -step), ArrowDown: () => pan(state, 0, step),
        };
        if (keys[e.key]) {
            e.preventDefault();
            keys[e.key]();
        }
    });

    fit(svg);
}

/// Fits the diagram's width into the frame (never enlarged past its natural size, so its labels stay readable and a
/// small diagram is not blown up); a diagram taller than the frame shows the band around the centre node and is panned
/// up and down (drag, arrow keys); one that is shorter is centred. Zoom out to see it all at once.
export function fit(svg) {
    const state = svg && svg._graph;
    if (!state) {
        return;
    }

    const box = svg.getBoundingClientRect();
    const frameWidth = box.width > 0 ? box.width : state.width;
    const frameHeight = box.height > 0 ? box.height : state.height;
    const scale = Math.min(frameWidth / state.width, 1);
    state.w = frameWidth / scale;
    state.h = frameHeight / scale;
    state.x = (state.width - state.w) / 2;
    state.y = state.h >= state.height
        ? (state.height - state.h) / 2
        : Math.min(Math.max((state.focusY ?? 0) - state.h / 2, 0), state.height - state.h);
    apply(state);
}

export function zoom(svg, factor) {
    const state = svg && svg._graph;
    if (state) {
        zoomAt(state, factor, { x: state.x + state.w / 2, y: state.y + state.h / 2 });
    }
}

/// The diagram as a standalone SVG file: computed colours and fonts are copied onto the copy (the page's CSS variables
/// and scoped styles do not travel), the viewBox is the whole diagram, and the browser saves it under the given name.
export function download(svg, fileName) {
    if (!svg) {
        return;
    }

    const copy = svg.cloneNode(true);
    const properties = ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-family", "font-size", "font-weight", "text-anchor", "opacity"];
    const source = svg.querySelectorAll("*");
    const target = copy.querySelectorAll("*");
    for (let i = 0; i < source.length; i++) {
        const style = getComputedStyle(source[i]);
        target[i].setAttribute("style", properties.map(p => `${p}:${style.getPropertyValue(p)}`).join(";"));
    }

    const state = svg._graph;
    copy.setAttribute("viewBox", `0 0 ${state ? state.width : svg.viewBox.baseVal.width} ${state ? state.height : svg.viewBox.baseVal.height}`);
    copy.setAttribute("width", state ? state.width : svg.viewBox.baseVal.width);
    copy.setAttribute("height", state ? state.height : svg.viewBox.baseVal.height);
    for (const name of ["tabindex", "class", "style", "data-testid", "data-interactive", "data-scale", "data-width", "data-height"]) {
        copy.removeAttribute(name);
    }

    copy.setAttribute("style", `font-family:${getComputedStyle(svg).getPropertyValue("font-family")};background:#fff`);
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function pan(state, dx, dy) {
    state.x += dx;
    state.y += dy;
    apply(state);
}

function zoomAt(state, factor, point) {
    const full = Math.max(state.width, state.height);
    const w = Math.min(Math.max(state.w / factor, full * MIN_SCALE), full / MIN_SCALE);
    const applied = state.w / w;
    if (!isFinite(applied) || applied === 1 || unitsPerPixel(state) / applied < 1 / MAX_SCALE) {
        return;
    }

    state.x = point.x - (point.x - state.x) / applied;
    state.y = point.y - (point.y - state.y) / applied;
    state.w = w;
    state.h = state.h / applied;
    apply(state);
}

function unitsPerPixel(state) {
    const box = state.svg.getBoundingClientRect();
    return box.width > 0 ? state.w / box.width : 1;
}

function pointOf(state, clientX, clientY) {
    const box = state.svg.getBoundingClientRect();
    return { x: state.x + (clientX - box.left) / box.width * state.w, y: state.y + (clientY - box.top) / box.height * state.h };
}

// The view changes in `state` at once (so several wheel or pointer events in one frame add up) and reaches the SVG once
// per animation frame. Reading the frame's size after writing the viewBox would make the browser lay out the whole
// drawing again inside every event (hundreds of nodes at the node limit); the width read before the write is the same.
function apply(state) {
    if (state.frame) {
        return;
    }

    const width = state.svg.getBoundingClientRect().width;
    state.frame = requestAnimationFrame(() => {
        state.frame = 0;
        state.svg.setAttribute("viewBox", `${state.x} ${state.y} ${state.w} ${state.h}`);
        state.svg.dataset.scale = (width / state.w).toFixed(3);
    });
}
