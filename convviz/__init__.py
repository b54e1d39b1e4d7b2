"""convviz: see, step by step, how a convolution layer computes its feature maps."""

__version__ = "0.1.0"
