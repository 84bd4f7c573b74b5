"""Files that no URL serves: evidence of incidents, prepared PDFs. Only their download
views hand them out, under the access rule of the page they belong to."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction


class PrivateStorage(FileSystemStorage):
    """Stored outside MEDIA_ROOT, in the folder a setting names. The setting is read on
    every use, so tests and operators can move it."""

    def __init__(self, setting: str):
        self.setting = setting
        super().__init__()

    @property
    def base_location(self):
        return str(getattr(settings, self.setting))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address.")


def delete_file_with_row(sender, instance, **kwargs):
    """A `post_delete` receiver: the file goes once the row's deletion is committed, also
    when a cascade deleted the row."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
