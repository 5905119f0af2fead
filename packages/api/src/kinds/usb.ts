import { z } from 'zod';

import { ConditionsSchema, DVP_API_VERSION, kubeObject } from './common.ts';

/** `status.attributes` of USB devices, as read from the DRA ResourceSlice. */
export const USBAttributesSchema = z.object({
  bcd: z.string().optional(),
  bus: z.string().optional(),
  deviceNumber: z.string().optional(),
  devicePath: z.string().optional(),
  major: z.int().optional(),
  manufacturer: z.string().optional(),
  minor: z.int().optional(),
  name: z.string().optional(),
  nodeName: z.string().optional(),
  product: z.string().optional(),
  productID: z.string().optional(),
  serial: z.string().optional(),
  speed: z.int().optional(),
  vendorID: z.string().optional(),
});

const usbStatus = z.object({
  attributes: USBAttributesSchema.optional(),
  conditions: ConditionsSchema.optional(),
  nodeName: z.string().optional(),
  observedGeneration: z.int().optional(),
});

/** `NodeUSBDevice` (cluster-scoped): setting `assignedNamespace` creates a USBDevice there. */
export const NodeUSBDeviceSchema = kubeObject(DVP_API_VERSION, 'NodeUSBDevice', {
  spec: z.object({ assignedNamespace: z.string().default('') }),
  status: usbStatus.optional(),
});
export type NodeUSBDevice = z.infer<typeof NodeUSBDeviceSchema>;

/** `USBDevice` (namespaced, status only): a node USB device assigned to this namespace. */
export const USBDeviceSchema = kubeObject(DVP_API_VERSION, 'USBDevice', {
  status: usbStatus.optional(),
});
export type USBDevice = z.infer<typeof USBDeviceSchema>;
