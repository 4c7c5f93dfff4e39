// The stand-in's Menu: templates kept as given, one application menu, and a click by label the
// way a person picks an item (Electron calls the item's `click`). Only ready-time use is allowed.
import { StandInRuleError } from './ruleError';

export interface StandInMenuItem {
  label?: string;
  role?: string;
  type?: string;
  submenu?: StandInMenuItem[];
  click?: () => unknown;
}

export function createStandInMenu(requireReady: (api: string) => void) {
  let applicationMenu: { items: StandInMenuItem[] } | null = null;
  const Menu = {
    buildFromTemplate(template: StandInMenuItem[]) {
      return { items: template };
    },
    setApplicationMenu(menu: { items: StandInMenuItem[] } | null) {
      requireReady('Menu.setApplicationMenu');
      applicationMenu = menu;
    },
  };
  function find(items: StandInMenuItem[], label: string): StandInMenuItem | null {
    for (const item of items) {
      if (item.label === label) return item;
      const inner = item.submenu ? find(item.submenu, label) : null;
      if (inner) return inner;
    }
    return null;
  }
  return {
    Menu,
    /** Picks an item of the application menu by its label. */
    async clickMenuItem(label: string): Promise<void> {
      const item = applicationMenu ? find(applicationMenu.items, label) : null;
      if (!item?.click) throw new StandInRuleError(`no application menu item "${label}"`);
      await item.click();
    },
  };
}
