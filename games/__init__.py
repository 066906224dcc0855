"""govgames model values: parameter spaces, normal-form and extensive-form games,
bargaining games, the model catalog and file formats.

Examples
--------
>>> from games import ParameterSpace, NormalFormGame
>>> space = ParameterSpace({"V": "positive", "C": "positive"}, ["C > V"])
>>> NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]).shape
(2, 2)
"""

__version__ = "0.1.0"

from games.bargaining import AlternatingOffers
from games.errors import GameError, GovgamesWarning, InvalidGame, InvalidPayoffs, ParameterError, UnsupportedGame
from games.extensive_form import GameTree, chance, decision, terminal
from games.normal_form import NormalFormGame
from games.parameters import Parameter, ParameterSpace

__all__ = [
    "__version__",
    "Parameter",
    "ParameterSpace",
    "NormalFormGame",
    "GameTree",
    "decision",
    "chance",
    "terminal",
    "AlternatingOffers",
    "GameError",
    "GovgamesWarning",
    "InvalidGame",
    "InvalidPayoffs",
    "ParameterError",
    "UnsupportedGame",
]
