/** Reading a secret: the first line of a pipe, or a hidden prompt on a terminal. */
import type { CliIn, CliOut } from "./context";

/** The first line of the stream (without its line end), or null when the stream ends empty. */
export function readFirstLine(stream: CliIn): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const finish = (value: string | null) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.pause();
      resolve(value === null ? null : value.replace(/\r$/, ""));
    };
    const onData = (chunk: Buffer | string) => {
      buf += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      const i = buf.indexOf("\n");
      if (i >= 0) finish(buf.slice(0, i));
    };
    const onEnd = () => finish(buf === "" ? null : buf);
    const onError = (e: Error) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      reject(e);
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.resume();
  });
}

/** A prompt on a terminal that does not echo what is typed. Null on Ctrl-C or Ctrl-D. */
export function hiddenPrompt(stream: CliIn, out: CliOut, question: string): Promise<string | null> {
  out.write(question);
  return new Promise((resolve) => {
    let value = "";
    stream.setRawMode?.(true);
    const finish = (v: string | null) => {
      stream.off("data", onData);
      stream.setRawMode?.(false);
      stream.pause();
      out.write("\n");
      resolve(v);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish(value);
        if (ch === "\u0003" || ch === "\u0004") return finish(null);
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stream.on("data", onData);
    stream.resume();
  });
}
