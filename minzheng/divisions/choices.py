from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Levels of the tree, outermost first."""

    CITY = "city", _("City")
    DISTRICT = "district", _("District or county")
    STREET = "street", _("Street or township")
    COMMUNITY = "community", _("Community or village")


LEVEL_ORDER = [Level.CITY, Level.DISTRICT, Level.STREET, Level.COMMUNITY]


class Kind(models.TextChoices):
    """What the unit is called, which the code ranges partly tell (REFERENCE.md §2.1, §2.3)."""

    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District")
    COUNTY = "county", _("County")
    SUBDISTRICT = "subdistrict", _("Sub-district (街道)")
    TOWN = "town", _("Town (镇)")
    TOWNSHIP = "township", _("Township (乡)")
    SPECIAL = "special", _("Special area (开发区, farm)")
    COMMUNITY = "community", _("Community (社区)")
    VILLAGE = "village", _("Village (村)")


class UrbanRuralClass(models.TextChoices):
    """NBS urban-rural classification code of a village-level unit (REFERENCE.md §2.3)."""

    MAIN_URBAN = "111", _("111 main urban area")
    URBAN_FRINGE = "112", _("112 urban-rural fringe")
    TOWN_CENTRE = "121", _("121 town centre")
    TOWN_FRINGE = "122", _("122 town-rural fringe")
    SPECIAL = "123", _("123 special area")
    TOWNSHIP_CENTRE = "210", _("210 township centre")
    VILLAGE = "220", _("220 village")


class ChangeKind(models.TextChoices):
    ESTABLISH = "establish", _("Established")
    RENAME = "rename", _("Renamed or re-coded")
    UPGRADE = "upgrade", _("County became district")
    MERGE = "merge", _("Merged")
    SPLIT = "split", _("Split")
    ABOLISH = "abolish", _("Abolished")
