// Layout stage: document tree → pages of positioned items, plus diagnostics for anything that does not fit.
import type { DocTree } from '../compose/doc-tree.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { blockSlabs } from './block-slabs.js';
import type { LaidOutDocument, PageGeometry } from './boxes.js';
import { paginate } from './paginate.js';
import type { TextMeasurer } from './text-measurer.js';
import { LETTER } from './typography.js';

export function layoutDocument(tree: DocTree, m: TextMeasurer, geometry: PageGeometry = LETTER): LaidOutDocument {
  const diagnostics: Diagnostic[] = [];
  const width = geometry.width - geometry.marginLeft - geometry.marginRight;
  const bodyHeight = geometry.bodyBottom - geometry.bodyTop;
  const slabs = blockSlabs(tree.blocks, geometry.marginLeft, width, { m, diagnostics, bodyHeight });
  const pages = paginate(slabs, geometry, diagnostics);
  return { geometry, pages, diagnostics };
}
