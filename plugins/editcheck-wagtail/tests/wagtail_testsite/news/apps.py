from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "wagtail_testsite.news"
    label = "news"
