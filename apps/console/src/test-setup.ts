/**
 * Component tests render area pages without their lazy routes, and Russian without loading it:
 * register every catalogue first, so words (not keys) appear and the catalogue tests see all.
 */
import * as classes from './i18n/messages/classes.ts';
import * as conditions from './pages/vms/detail/condition-messages.ts';
import * as disks from './i18n/messages/disks.ts';
import * as images from './i18n/messages/images.ts';
import { registerCatalogue } from './i18n/messages/index.ts';
import { ru } from './i18n/messages/ru.ts';
import * as network from './i18n/messages/network.ts';
import * as nodes from './i18n/messages/nodes.ts';
import * as settings from './i18n/messages/settings.ts';
import * as snapshots from './i18n/messages/snapshots.ts';

registerCatalogue({ en: {}, ru });
for (const part of [images, disks, snapshots, classes, nodes, network, settings, conditions])
  registerCatalogue(part);
