"""The comparison groups of a municipality, from the register: same type and size class,
same Land, same Kreis (for kreisangehörige Gemeinden) and all participants."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from weltoffen.municipalities.models import Municipality

ALL = "all"


@dataclass(frozen=True)
class Facts:
    """What a contribution is grouped by, copied from the register."""

    land_ags: str
    kreis_ags: str
    kind: str
    size_class: str

    @classmethod
    def of(cls, municipality: Municipality) -> "Facts":
        parent = municipality.parent
        kreis = parent.ags if parent is not None and parent.kind == Municipality.Kind.KREIS else ""
        land = municipality.land.ags if municipality.land_id else municipality.ags[:2]
        return cls(land_ags=land, kreis_ags=kreis, kind=municipality.kind, size_class=municipality.size_class)

    def group_keys(self) -> list[str]:
        """Narrowest last is not the order the page uses; see `display_order`."""
        keys = [type_key(self.kind, self.size_class), f"land:{self.land_ags}"]
        if self.kreis_ags:
            keys.append(f"kreis:{self.kreis_ags}")
        keys.append(ALL)
        return keys


def type_key(kind: str, size_class: str) -> str:
    return f"type:{kind}:{size_class}"


def group_label(key: str, names: dict[str, str] | None = None) -> str:
    """ "Gemeinden, Kleinstadt …", "Land Hessen", "Kreis Marburg-Biedenkopf", "alle Teilnehmenden"."""
    names = names or {}
    if key == ALL:
        return _("alle teilnehmenden Kommunen")
    kind, _sep, rest = key.partition(":")
    if kind == "land":
        return _("Kommunen im Land %(name)s") % {"name": names.get(rest, rest)}
    if kind == "kreis":
        return _("Kommunen im Kreis %(name)s") % {"name": names.get(rest, rest)}
    municipality_kind, _sep, size_class = rest.partition(":")
    return _("Typ „%(kind)s“ und Größenklasse „%(size)s“") % {
        "kind": str(Municipality.Kind(municipality_kind).label)
        if municipality_kind in Municipality.Kind.values
        else "",
        "size": str(Municipality.SizeClass(size_class).label) if size_class in Municipality.SizeClass.values else "",
    }


def names_for(keys) -> dict[str, str]:
    """Register names of the Länder and Kreise among the group keys, in one query."""
    codes = [key.split(":", 1)[1] for key in keys if key.startswith(("land:", "kreis:"))]
    return dict(Municipality.objects.filter(ags__in=codes).values_list("ags", "short_name"))


def short_label(key: str, names: dict[str, str] | None = None) -> str:
    """For the chart: "gleiche Art und Größe", "Hessen", "Kreis Marburg-Biedenkopf", "alle"."""
    names = names or {}
    if key == ALL:
        return _("alle Teilnehmenden")
    kind, _sep, rest = key.partition(":")
    if kind == "land":
        return names.get(rest, rest)
    if kind == "kreis":
        name = names.get(rest, rest)
        return name if len(name) <= 28 else name[:27] + "…"
    return _("gleiche Art und Größe")
