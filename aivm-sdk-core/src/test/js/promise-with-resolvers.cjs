// Promise.withResolvers (Node 22+) for Node 20: js-ipfs 0.66's dependencies call it. Loaded into
// the jsipfs processes the storage tests start, with NODE_OPTIONS=--require <this file>.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
