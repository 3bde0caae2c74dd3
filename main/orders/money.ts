/** Exact money: the code lives with the contract, because the renderer reads and shows amounts with it too. */
export * from '../../preload/money';
