// The chunk map: one cell per chunk on a <canvas>, coloured by status, drawn pixel by pixel into an ImageData (a
// 100,000-chunk map is one pass over 100,000 statuses and one putImageData). When there are more chunks than the
// canvas has pixels, a cell stands for a run of consecutive chunks and shows the most urgent status among them
// (dead, failed, running, pending, not sliced yet, succeeded), so that no failure disappears in the aggregate.
// The map is redrawn only when the statuses or the canvas width changed.

/** Status letters of GET /api/executions/{id}/chunk-map, most urgent first. */
export const STATUSES = [
	{ code: 'D', name: 'DEAD', color: [209, 36, 47] },
	{ code: 'F', name: 'FAILED', color: [240, 136, 62] },
	{ code: 'R', name: 'RUNNING', color: [47, 129, 247] },
	{ code: 'P', name: 'PENDING', color: [190, 196, 204] },
	{ code: '-', name: 'NOT SLICED YET', color: [238, 240, 243] },
	{ code: 'S', name: 'SUCCEEDED', color: [45, 164, 78] },
];

const CELL_SIZES = [16, 12, 10, 8, 6, 5, 4, 3, 2, 1];

const MAX_HEIGHT = 360;

const BACKGROUND = packed([255, 255, 255]);

const UNKNOWN = STATUSES.findIndex((status) => status.code === '-');

// Rank (index in STATUSES) by character code; anything unknown counts as not sliced.
const RANK = new Uint8Array(128).fill(UNKNOWN);
STATUSES.forEach((status, rank) => { RANK[status.code.charCodeAt(0)] = rank; });

const PIXELS = Uint32Array.from(STATUSES, (status) => packed(status.color));

/** RGBA as one little-endian 32-bit pixel of an ImageData. */
function packed([r, g, b]) {
	return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** What the page measured, for the browser tests and the curious: window.chunkingDashboard.metrics.chunkMap. */
function metrics() {
	window.chunkingDashboard = window.chunkingDashboard || { metrics: {} };
	return window.chunkingDashboard.metrics;
}

export class ChunkMap {

	/**
	 * @param canvas the canvas to draw on; its width follows its parent's
	 * @param viewStart performance.now() when the view showing the map started, to measure the first full draw
	 */
	constructor(canvas, viewStart) {
		this.canvas = canvas;
		this.viewStart = viewStart;
		this.statuses = null;
		this.ranks = new Uint8Array(0);
		this.width = 0;
		this.layout = null;
		this.fullyDrawn = false;
		metrics().chunkMap = { draws: 0, maxDrawMs: 0 };
	}

	/** Shows these statuses (one letter per chunk); draws only if they or the width changed. */
	update(statuses, width) {
		const cssWidth = Math.max(200, Math.floor(width));
		if (statuses === this.statuses && cssWidth === this.width) {
			return false;
		}
		const started = performance.now();
		if (statuses !== this.statuses) {
			this.statuses = statuses;
			this.ranks = new Uint8Array(statuses.length);
			for (let i = 0; i < statuses.length; i++) {
				this.ranks[i] = RANK[statuses.charCodeAt(i) & 127];
			}
		}
		this.width = cssWidth;
		this.layout = layout(this.ranks.length, cssWidth);
		this.draw();
		this.measure(started);
		return true;
	}

	draw() {
		const { size, cols, rows, perCell } = this.layout;
		const width = this.width;
		const height = Math.max(1, rows * size);
		this.canvas.width = width;
		this.canvas.height = height;
		this.canvas.style.width = `${width}px`;
		this.canvas.style.height = `${height}px`;
		const context = this.canvas.getContext('2d');
		const image = context.createImageData(width, height);
		const pixels = new Uint32Array(image.data.buffer);
		pixels.fill(BACKGROUND);
		const gap = (size >= 4) ? 1 : 0;
		const n = this.ranks.length;
		const cells = Math.ceil(n / perCell);
		for (let cell = 0; cell < cells; cell++) {
			const color = PIXELS[this.rankOf(cell * perCell, Math.min(n, (cell + 1) * perCell))];
			const x = (cell % cols) * size;
			const y = Math.floor(cell / cols) * size;
			for (let row = y; row < y + size - gap; row++) {
				pixels.fill(color, row * width + x, row * width + x + size - gap);
			}
		}
		context.putImageData(image, 0, 0);
		this.canvas.dataset.chunkCount = String(n);
		this.canvas.dataset.cellSize = String(size);
		this.canvas.dataset.chunksPerCell = String(perCell);
		this.canvas.dataset.succeeded = String(this.count('S'));
	}

	/** The most urgent rank among chunks [from, to). */
	rankOf(from, to) {
		let rank = this.ranks[from];
		for (let i = from + 1; i < to && rank > 0; i++) {
			if (this.ranks[i] < rank) {
				rank = this.ranks[i];
			}
		}
		return rank;
	}

	count(code) {
		const rank = STATUSES.findIndex((status) => status.code === code);
		let count = 0;
		this.ranks.forEach((r) => { count += (r === rank) ? 1 : 0; });
		return count;
	}

	/**
	 * The chunks under a point of the canvas (CSS pixels): {first, last, status, index}, where index is the first
	 * chunk of the cell's shown status; null outside the cells.
	 */
	chunksAt(x, y) {
		if (!this.layout) {
			return null;
		}
		const { size, cols, perCell } = this.layout;
		const column = Math.floor(x / size);
		if (column < 0 || column >= cols || y < 0) {
			return null;
		}
		const first = (Math.floor(y / size) * cols + column) * perCell;
		if (first >= this.ranks.length) {
			return null;
		}
		const last = Math.min(this.ranks.length, first + perCell) - 1;
		const rank = this.rankOf(first, last + 1);
		let index = first;
		while (this.ranks[index] !== rank) {
			index++;
		}
		return { first, last, index, status: STATUSES[rank].name };
	}

	measure(started) {
		const now = performance.now();
		const chunkMap = metrics().chunkMap;
		chunkMap.draws++;
		chunkMap.lastDrawMs = now - started;
		chunkMap.maxDrawMs = Math.max(chunkMap.maxDrawMs, chunkMap.lastDrawMs);
		chunkMap.chunks = this.ranks.length;
		if (!this.fullyDrawn && this.ranks.length > 0 && this.count('-') === 0) {
			// The first draw of every chunk: since the view started (its requests included) and since navigation.
			this.fullyDrawn = true;
			chunkMap.firstFullDrawSinceViewMs = now - this.viewStart;
			chunkMap.firstFullDrawSinceNavigationMs = now;
			chunkMap.firstFullDrawMs = chunkMap.lastDrawMs;
			this.canvas.dataset.fullyDrawn = 'true';
		}
	}

}

/** The largest cell size that fits every chunk within MAX_HEIGHT, else 1-pixel cells of several chunks each. */
function layout(chunks, width) {
	for (const size of CELL_SIZES) {
		const cols = Math.floor(width / size);
		const rows = Math.ceil(chunks / cols);
		if (rows * size <= MAX_HEIGHT) {
			return { size, cols, rows, perCell: 1 };
		}
	}
	const perCell = Math.ceil(chunks / (width * MAX_HEIGHT));
	return { size: 1, cols: width, rows: Math.ceil(Math.ceil(chunks / perCell) / width), perCell };
}
