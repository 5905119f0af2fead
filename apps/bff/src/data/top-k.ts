/**
 * The `k` smallest items offered, in `cmp` order, kept in a bounded max-heap: a list page costs
 * O(n log k) over the filtered set instead of sorting all of it on every request (most
 * candidates lose one comparison against the heap's top).
 */
export class TopK<T> {
  private readonly heap: T[] = [];
  constructor(
    private readonly k: number,
    private readonly cmp: (a: T, b: T) => number,
  ) {}

  offer(e: T) {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(e);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.cmp(h[i] as T, h[parent] as T) <= 0) break;
        [h[i], h[parent]] = [h[parent] as T, h[i] as T];
        i = parent;
      }
      return;
    }
    if (this.cmp(e, h[0] as T) >= 0) return;
    h[0] = e;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let big = i;
      if (l < h.length && this.cmp(h[l] as T, h[big] as T) > 0) big = l;
      if (r < h.length && this.cmp(h[r] as T, h[big] as T) > 0) big = r;
      if (big === i) break;
      [h[i], h[big]] = [h[big] as T, h[i] as T];
      i = big;
    }
  }

  sorted(): T[] {
    return [...this.heap].sort(this.cmp);
  }
}
