// Each collection runs its own host, browser and (for --store azure) emulators: one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
