// The Jupyter wire protocol: multipart ZeroMQ frames <-> messages, signed with HMAC-SHA256.
// https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIM = "<IDS|MSG>";

export interface Header { msg_id: string; msg_type: string; session: string; username: string; date: string; version: string }
export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
  buffers: Buffer[];
}

export class Wire {
  readonly session = randomUUID();
  constructor(private readonly key: string, private readonly scheme = "hmac-sha256") {
    if (key && scheme !== "hmac-sha256") throw new Error(`kernel: signature_scheme ${scheme} is not supported (only hmac-sha256)`);
  }

  sign(parts: (string | Buffer)[]): string {
    if (!this.key) return "";
    const h = createHmac("sha256", this.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  /** Frames of one received message -> Message; throws on a bad signature. */
  decode(frames: Buffer[]): Message {
    const at = frames.findIndex((f) => f.toString() === DELIM);
    if (at < 0) throw new Error("kernel: message without <IDS|MSG> delimiter");
    const [signature, header, parent, metadata, content, ...buffers] = frames.slice(at + 1);
    const want = Buffer.from(this.sign([header, parent, metadata, content]));
    const got = signature ?? Buffer.alloc(0);
    if (this.key && (got.length !== want.length || !timingSafeEqual(got, want))) throw new Error("kernel: message with an invalid signature ignored");
    return {
      identities: frames.slice(0, at),
      header: JSON.parse(header.toString()),
      parent_header: JSON.parse(parent.toString()),
      metadata: JSON.parse(metadata.toString()),
      content: JSON.parse(content.toString()),
      buffers,
    };
  }

  /** A new message of `msg_type` answering (or caused by) `parent`, as frames ready to send. */
  encode(msg_type: string, content: object, parent?: Message, identities?: Buffer[], metadata: object = {}): (string | Buffer)[] {
    const header: Header = { msg_id: randomUUID(), msg_type, session: this.session, username: parent?.header.username ?? "kernel", date: new Date().toISOString(), version: PROTOCOL_VERSION };
    const parts = [JSON.stringify(header), JSON.stringify(parent?.header ?? {}), JSON.stringify(metadata), JSON.stringify(content)];
    return [...(identities ?? parent?.identities ?? []), DELIM, this.sign(parts), ...parts];
  }
}
