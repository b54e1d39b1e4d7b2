"""The window's panels: input, kernels, feature maps, parameters, the ledger, and their shared widgets."""
