"""Reports stored before the "Barriere melden" link dropped tokens may carry a secret
link in their page address: scrub them the same way new reports are stored."""

from django.db import migrations


def scrub(apps, schema_editor):
    from weltoffen.pages.secrets import without_secrets

    BarrierReport = apps.get_model("pages", "BarrierReport")
    for report in BarrierReport.objects.exclude(page_url="").only("pk", "page_url").iterator():
        cleaned = without_secrets(report.page_url)
        if cleaned != report.page_url:
            BarrierReport.objects.filter(pk=report.pk).update(page_url=cleaned)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
