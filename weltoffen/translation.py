from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "de").startswith("en")


def translated(obj, attribute: str):
    """`obj.<attribute>_en` where the interface is English and it is filled, else the German original."""
    if is_english():
        return getattr(obj, f"{attribute}_en", None) or getattr(obj, attribute)
    return getattr(obj, attribute)
