// @echogarden/kissfft-wasm ships no types: its default export is the Emscripten module factory.
declare module '@echogarden/kissfft-wasm' {
  const createKissFft: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default createKissFft;
}
