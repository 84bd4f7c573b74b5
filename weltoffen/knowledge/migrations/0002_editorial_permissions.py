"""Editors and moderators maintain FAQ entries, contact persons and testimonials;
moderators also read contact messages. Wagtail creates both groups in its own
migrations; installations that removed them are left alone."""

from django.db import migrations

SNIPPETS = ("faqentry", "contactperson", "testimonial")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    wanted = []
    for model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model=model)
        for action in ("add", "change", "delete"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            wanted.append(permission)
    message_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="contactmessage")
    messages = [
        Permission.objects.get_or_create(content_type=message_type, codename=f"{action}_contactmessage", defaults={"name": f"Can {action} contact message"})[0]
        for action in ("view", "change", "delete")
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*wanted)
        if group.name == "Moderators":
            group.permissions.add(*messages)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial"), ("wagtailcore", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
