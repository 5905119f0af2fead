/**
 * The part of noVNC's public API (docs/API.md, 1.7.0) the console uses; the package ships no
 * types.
 */
declare module '@novnc/novnc' {
  export interface RfbOptions {
    shared?: boolean;
    credentials?: { username?: string; password?: string; target?: string };
    wsProtocols?: string[];
  }

  export interface RfbEventMap {
    connect: CustomEvent<Record<string, never>>;
    disconnect: CustomEvent<{ clean: boolean }>;
    credentialsrequired: CustomEvent<{ types: string[] }>;
    securityfailure: CustomEvent<{ status: number; reason?: string }>;
    desktopname: CustomEvent<{ name: string }>;
    capabilities: CustomEvent<{ capabilities: { power: boolean } }>;
    clippingviewport: CustomEvent<boolean>;
  }

  export default class RFB {
    constructor(target: HTMLElement, urlOrChannel: string | WebSocket, options?: RfbOptions);
    background: string;
    clipViewport: boolean;
    dragViewport: boolean;
    focusOnClick: boolean;
    qualityLevel: number;
    compressionLevel: number;
    resizeSession: boolean;
    scaleViewport: boolean;
    viewOnly: boolean;
    showDotCursor: boolean;
    readonly capabilities: { power: boolean };
    disconnect(): void;
    focus(options?: FocusOptions): void;
    blur(): void;
    sendCredentials(credentials: { username?: string; password?: string; target?: string }): void;
    sendKey(keysym: number, code: string | null, down?: boolean): void;
    sendCtrlAltDel(): void;
    clipboardPasteFrom(text: string): void;
    toBlob(callback: (blob: Blob | null) => void, type?: string, quality?: number): void;
    toDataURL(type?: string, quality?: number): string;
    addEventListener<K extends keyof RfbEventMap>(
      type: K,
      listener: (e: RfbEventMap[K]) => void,
    ): void;
    removeEventListener<K extends keyof RfbEventMap>(
      type: K,
      listener: (e: RfbEventMap[K]) => void,
    ): void;
  }
}
