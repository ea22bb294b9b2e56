// A monospaced measurer for layout unit tests: every character is half the font size wide.
import type { TextMeasurer } from '../../src/layout/text-measurer.js';

export const mono: TextMeasurer = {
  width: (text, _face, size) => [...text].length * size * 0.5,
  ascent: 0.8,
  descent: 0.2,
  covers: () => true,
};
