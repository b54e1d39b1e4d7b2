from convviz.core.engine import *  # noqa: F401,F403
from convviz.core.engine import __all__  # noqa: F401
