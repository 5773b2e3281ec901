"""盗图 leaves the 未经许可 group (decision 115): an installation seeded before keeps the old
group, which seed_synonyms cannot mend without dropping the administrators' edits. A group
still exactly as it was seeded becomes the new line; a group an administrator has edited is
left as it is (they decide)."""

from django.db import migrations

OLD = ("未经许可 = 未经授权 = 未授权 = 没授权 = 没有授权 = 没有许可 = 没经过同意 = 没经同意 = "
       "未经同意 = 没经允许 = 擅自 = 私自 = 盗用 = 盗图")
NEW = ("未经许可 = 未经授权 = 未授权 = 没授权 = 没有授权 = 没有许可 = 没经过同意 = 没经同意 = "
       "未经同意 = 没经允许 = 擅自 = 私自 = 盗用")
ADDED = ("category", "盗图 > 图片 摄影作品 美术作品")


def terms_of(text):
    return [t.strip().lower() for t in text.split("=") if t.strip()]


def retire(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    old, new = terms_of(OLD), terms_of(NEW)
    unedited = [s for s in Synonym.objects.filter(kind="equivalent", terms__contains="盗图")
                if terms_of(s.terms) == old]
    if not unedited:
        return
    if any(terms_of(s.terms) == new for s in Synonym.objects.filter(kind="equivalent")):
        Synonym.objects.filter(pk__in=[s.pk for s in unedited]).delete()
    else:
        Synonym.objects.filter(pk__in=[s.pk for s in unedited]).update(terms=NEW)
    kind, terms = ADDED
    if not Synonym.objects.filter(kind=kind, terms=terms).exists():
        Synonym.objects.create(kind=kind, terms=terms)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_synonyms"),
    ]

    operations = [
        migrations.RunPython(retire, migrations.RunPython.noop),
    ]
