"""Puente: training and professionalization of border law enforcement."""
