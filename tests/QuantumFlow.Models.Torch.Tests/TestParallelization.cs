// libtorch's global state (its thread count and random seed, which TorchRuntime.Initialize and several tests set) is
// shared by every test of this assembly. Once, with test classes training side by side, Adam's step failed inside torch
// while converting a scalar: another test's allocations set off a collection that freed a scalar in use
// (TorchRuntime.WithoutCollection says how, and now prevents it). The tests here take seconds: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
