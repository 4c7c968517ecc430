// Accessibility checks shared by the specs: axe-core's serious and critical findings only.
import AxeBuilder from '@axe-core/playwright';

/** The serious or critical axe violations inside `root`, one line each (empty when none). */
export async function seriousViolations(page, root = '.mlc-root') {
  const results = await new AxeBuilder({ page }).include(root).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
