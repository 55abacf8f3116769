import { useLayoutEffect, useState, type MutableRef } from 'preact/hooks';
import { ROW_HEIGHT } from '../AccountRow';

/** Rows drawn above and below the visible window, so fast scrolling and arrow keys find them ready. */
const OVERSCAN = 6;
const DEFAULT_VIEWPORT = 430;

/** Which rows of `count` to draw in the scroll area, from its scroll position and height. */
export function useVirtualRows(scroller: MutableRef<HTMLDivElement | null>, count: number) {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(DEFAULT_VIEWPORT);

  // The scroll area grows with the list up to its maximum height: measure it whenever its size changes,
  // not once, or rows added in this session stay undrawn below the first measurement.
  const hasRows = count > 0;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => { if (element.clientHeight > 0) setViewport(element.clientHeight); };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasRows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  /** Scrolls row `i` into view (the rows are drawn from the scroll position). */
  const scrollToRow = (i: number) => {
    const element = scroller.current;
    if (!element) return;
    const top = i * ROW_HEIGHT;
    let nextScroll = element.scrollTop;
    if (top < nextScroll) nextScroll = top;
    else if (top + ROW_HEIGHT > nextScroll + element.clientHeight) nextScroll = top + ROW_HEIGHT - element.clientHeight;
    if (nextScroll !== element.scrollTop) element.scrollTop = nextScroll;
    setScrollTop(nextScroll);
  };

  /** Back to the top (a new search). */
  const scrollToTop = () => {
    setScrollTop(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  };

  return { first, last, setScrollTop, scrollToRow, scrollToTop };
}
