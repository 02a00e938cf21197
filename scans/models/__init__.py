from scans.models.gebied import Gebied

__all__ = ["Gebied"]
